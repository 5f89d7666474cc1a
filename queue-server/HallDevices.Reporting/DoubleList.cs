using System.Runtime.CompilerServices;

namespace HallDevices.Reporting;

/// <summary>
/// A growable list of doubles (waits, handling times in seconds). Not List&lt;double&gt;: the report
/// adds up its groups in one pass at the end, too short for the runtime to optimise a generic
/// collection's code before it is over, so this is fully optimised from the start.
/// </summary>
internal sealed class DoubleList
{
    private double[] _items = new double[16];

    public int Count { get; private set; }

    /// <summary>The sum, in the order added (so a report comes out the same every time).</summary>
    public double Sum { get; private set; }

    /// <summary>The largest value; −∞ while empty.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>The mean, null while empty.</summary>
    public double? Mean => Count == 0 ? null : Sum / Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
        Sum += value;
        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>The values, in the order added (a copy).</summary>
    public double[] ToArray() => _items.AsSpan(0, Count).ToArray();
}
