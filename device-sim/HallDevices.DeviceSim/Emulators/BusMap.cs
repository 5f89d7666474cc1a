using System.Text.Json;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>Kinds of device on the window bus.</summary>
public enum BusDeviceKind
{
    /// <summary>Caller keypad (叫号器).</summary>
    Keypad,

    /// <summary>Evaluator (好差评器).</summary>
    Evaluator,

    /// <summary>LED window strip (窗口屏).</summary>
    LedStrip,
}

/// <summary>One slave on the bus: its Modbus address, what it is and which window it belongs to.</summary>
/// <param name="Address">Modbus slave address, 1–247.</param>
/// <param name="Kind">Device kind.</param>
/// <param name="Counter">Counter (window) id, e.g. <c>w3</c>.</param>
public sealed record BusDeviceEntry(byte Address, BusDeviceKind Kind, string Counter);

/// <summary>
/// The bus map file: <c>{"devices":[{"address":3,"kind":"keypad","counter":"w3"}, ...]}</c>, kinds
/// <c>keypad</c>, <c>evaluator</c>, <c>led-strip</c>. The display reads the same file
/// (<c>Display:Bus:MapFile</c>), so one file describes the wiring for both ends of the line.
/// </summary>
public static class BusMap
{
    /// <summary>Reads and checks a map file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid map; the message names the entry.</exception>
    public static IReadOnlyList<BusDeviceEntry> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Parse(doc.RootElement, path);
    }

    /// <summary>Parses a map from its JSON root.</summary>
    /// <exception cref="InvalidDataException">The map is not valid.</exception>
    public static IReadOnlyList<BusDeviceEntry> Parse(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !TryGet(root, "devices", out var devices) || devices.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{source}: expected {{\"devices\": [...]}}");
        }

        var entries = new List<BusDeviceEntry>();
        var index = 0;
        foreach (var d in devices.EnumerateArray())
        {
            var at = $"{source}: devices[{index++}]";
            if (!TryGet(d, "address", out var a) || !a.TryGetInt32(out var address) || address is < 1 or > 247)
            {
                throw new InvalidDataException($"{at}.address: a Modbus slave address 1..247 is required");
            }

            var kind = TryGet(d, "kind", out var k) ? ParseKind(k.GetString()) : null;
            if (kind is null)
            {
                throw new InvalidDataException($"{at}.kind: keypad, evaluator or led-strip");
            }

            if (!TryGet(d, "counter", out var c) || c.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(c.GetString()))
            {
                throw new InvalidDataException($"{at}.counter: the counter (window) id is required");
            }

            if (entries.Any(e => e.Address == address))
            {
                throw new InvalidDataException($"{at}.address: {address} is used twice");
            }

            entries.Add(new BusDeviceEntry((byte)address, kind.Value, c.GetString()!));
        }

        return entries;
    }

    /// <summary>The map-file spelling of a kind.</summary>
    public static string Name(BusDeviceKind kind) => kind switch
    {
        BusDeviceKind.Keypad => "keypad",
        BusDeviceKind.Evaluator => "evaluator",
        _ => "led-strip",
    };

    private static BusDeviceKind? ParseKind(string? kind) => kind switch
    {
        "keypad" => BusDeviceKind.Keypad,
        "evaluator" => BusDeviceKind.Evaluator,
        "led-strip" => BusDeviceKind.LedStrip,
        _ => null,
    };

    private static bool TryGet(JsonElement e, string name, out JsonElement value)
    {
        value = default;
        if (e.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var p in e.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }

        return false;
    }
}
