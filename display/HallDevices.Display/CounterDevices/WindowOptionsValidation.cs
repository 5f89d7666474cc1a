using System.Text.Json;
using HallDevices.Display.Hosting;

namespace HallDevices.Display.CounterDevices;

/// <summary>Start-up checks of <c>Display:Bus</c>, <c>Display:Signs</c> and <c>Display:WindowText</c>, each naming its key.</summary>
internal static class WindowOptionsValidation
{
    private static readonly string[] BusKinds = ["keypad", "evaluator", "led-strip"];

    public static void Validate(DisplayOptions options, List<string> errors)
    {
        var bus = options.Bus;
        if (bus.MapFileError is { } mapError)
        {
            errors.Add($"Display:Bus:MapFile: {mapError}");
        }

        if (bus.Enabled && bus.Devices.Count == 0)
        {
            errors.Add("Display:Bus:Port is set but the bus map is empty (Display:Bus:Devices or Display:Bus:MapFile).");
        }

        for (var i = 0; i < bus.Devices.Count; i++)
        {
            var d = bus.Devices[i];
            var at = $"Display:Bus:Devices:{i}";
            if (d.Address is < 1 or > 247)
            {
                errors.Add($"{at}:Address must be a Modbus slave address 1..247 (was {d.Address}).");
            }
            else if (bus.Devices.Take(i).Any(o => o.Address == d.Address))
            {
                errors.Add($"{at}:Address {d.Address} is used twice.");
            }

            if (!BusKinds.Contains(d.Kind))
            {
                errors.Add($"{at}:Kind must be keypad, evaluator or led-strip (was '{d.Kind}').");
            }

            if (string.IsNullOrWhiteSpace(d.Counter))
            {
                errors.Add($"{at}:Counter is required (the counter id, e.g. w3).");
            }
        }

        if (bus.BaudRate <= 0 || bus.PollIntervalMilliseconds is < 10 or > 10_000 || bus.ResponseTimeoutMilliseconds is < 10 or > 10_000 || bus.Retries is < 0 or > 5)
        {
            errors.Add("Display:Bus:BaudRate must be positive, PollIntervalMilliseconds and ResponseTimeoutMilliseconds 10..10000, Retries 0..5.");
        }

        if (bus.OfflineRetrySeconds is < 1 or > 3600 || bus.EvaluationTimeoutSeconds is < 1 or > 3600 || bus.KeypadReplySeconds is < 0 or > 3600
            || bus.RequestTimeoutSeconds is < 1 or > 60 || bus.ReconnectSeconds is < 1 or > 600 || bus.ReadBackSeconds is < 1 or > 3600)
        {
            errors.Add("Display:Bus:OfflineRetrySeconds, EvaluationTimeoutSeconds and ReadBackSeconds must be 1..3600, KeypadReplySeconds 0..3600, RequestTimeoutSeconds 1..60, ReconnectSeconds 1..600.");
        }

        var signs = options.Signs;
        if (signs.Mode is not ("hardware" or "simulated"))
        {
            errors.Add($"Display:Signs:Mode must be 'hardware' or 'simulated' (was '{signs.Mode}').");
        }

        if (signs.Simulated && signs.Devices.Count > 0 && string.IsNullOrWhiteSpace(signs.OutDir) && string.IsNullOrWhiteSpace(options.Board.SnapshotDir))
        {
            errors.Add("Display:Signs:Mode 'simulated' draws the signs to PNG: set Display:Signs:OutDir or Display:Board:SnapshotDir.");
        }

        if (signs.ScrollStepMilliseconds is < 10 or > 1000)
        {
            errors.Add("Display:Signs:ScrollStepMilliseconds must be 10..1000.");
        }

        for (var i = 0; i < signs.Devices.Count; i++)
        {
            var s = signs.Devices[i];
            var at = $"Display:Signs:Devices:{i}";
            if (string.IsNullOrWhiteSpace(s.Counter))
            {
                errors.Add($"{at}:Counter is required (the counter id, e.g. w3).");
            }

            switch (s.Kind)
            {
                case "max7219":
                    if (s.Modules is < 1 or > 32 || s.Brightness is < 0 or > 15 || s.SpiBus < 0 || s.ChipSelect < 0)
                    {
                        errors.Add($"{at}: max7219 needs Modules 1..32, Brightness 0..15, SpiBus and ChipSelect ≥ 0.");
                    }

                    if (s.Content is not ("short" or "full"))
                    {
                        errors.Add($"{at}:Content must be 'short' or 'full' (was '{s.Content}').");
                    }

                    break;
                case "tm1637":
                    if (s.Brightness is < 0 or > 7 || s.ClkPin < 0 || s.DioPin < 0 || s.ClkPin == s.DioPin)
                    {
                        errors.Add($"{at}: tm1637 needs Brightness 0..7 and two different pins ClkPin, DioPin.");
                    }

                    break;
                default:
                    errors.Add($"{at}:Kind must be max7219 or tm1637 (was '{s.Kind}').");
                    break;
            }
        }

        var t = options.WindowText;
        if (!t.Serving.Contains("{ticket}", StringComparison.Ordinal))
        {
            errors.Add("Display:WindowText:Serving must contain {ticket}.");
        }
    }
}

/// <summary>Reads <c>Display:Bus:MapFile</c> (device-sim's bus map format) into the bus options.</summary>
internal static class BusMapFile
{
    public static void Merge(BusOptions bus)
    {
        if (string.IsNullOrWhiteSpace(bus.MapFile))
        {
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(bus.MapFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var map = doc.RootElement.Deserialize<MapFile>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
            if (map?.Devices is null)
            {
                bus.MapFileError = $"{bus.MapFile}: expected {{\"devices\": [...]}}";
                return;
            }

            bus.Devices.AddRange(map.Devices);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            bus.MapFileError = $"{bus.MapFile}: {e.Message}";
        }
    }

    private sealed record MapFile(List<BusDeviceOptions>? Devices);
}
