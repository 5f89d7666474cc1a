using System.Runtime.CompilerServices;

namespace HallDevices.Reporting;

/// <summary>
/// Nearest-rank percentiles: the p-th percentile of n values is the ⌈p·n/100⌉-th smallest, an actual
/// value, so a hand computation is exact. Found by selection, not by sorting: a month of a district
/// is 300,000 waits, and the report needs only two ranks and the maximum of them.
/// </summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percent"/>-th percentile of <paramref name="values"/> (which it reorders), null when empty.</summary>
    public static double? NearestRank(double[] values, int percent)
    {
        if (values.Length == 0)
        {
            return null;
        }

        // Integer arithmetic: ⌈0.9 × 30⌉ in floating point is 28, not 27.
        var rank = ((long)percent * values.Length + 99) / 100;
        return Select(values, Math.Clamp((int)rank, 1, values.Length) - 1);
    }

    /// <summary>The <paramref name="k"/>-th smallest (0-based), by quickselect (Hoare partition, median of three); reorders the array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Select(double[] a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (a[mid] < a[lo])
            {
                (a[mid], a[lo]) = (a[lo], a[mid]);
            }

            if (a[hi] < a[lo])
            {
                (a[hi], a[lo]) = (a[lo], a[hi]);
            }

            if (a[hi] < a[mid])
            {
                (a[hi], a[mid]) = (a[mid], a[hi]);
            }

            var pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            // a[lo..j] ≤ pivot ≤ a[i..hi], and a[j+1..i-1] equal the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return a[k];
            }
        }

        return a[k];
    }
}
