using System.ComponentModel.DataAnnotations;

namespace HallDevices.QueueServer.Halls;

/// <summary>Configuration section <c>Hall</c>.</summary>
public sealed class HallOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Hall";

    /// <summary>A hall file, or a folder whose <c>*.json</c> files are each a hall. Relative paths are from the app folder.</summary>
    [Required]
    public string ConfigFile { get; set; } = "halls/sample-town.json";
}

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Storage";

    /// <summary>Folder holding one LiteDB file per hall. Relative paths are from the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data";
}

/// <summary>Configuration section <c>Identity</c>: how ID numbers are protected.</summary>
public sealed class IdentityOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Identity";

    /// <summary>The sample key shipped in appsettings.json; refused outside Development.</summary>
    public const string SampleHashKey = "c2FtcGxlLWtleS1mb3ItZGVtb3Mtb25seS0wMDAwMDA=";

    /// <summary>Base64 key (≥ 16 bytes) of the keyed hash of ID numbers. Changing it breaks daily-limit matching for the day.</summary>
    [Required]
    public string HashKey { get; set; } = "";
}

/// <summary>Configuration section <c>Appointments</c>: the key that signs appointment codes.</summary>
public sealed class AppointmentOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Appointments";

    /// <summary>The sample key shipped in appsettings.json; refused outside Development.</summary>
    public const string SampleKey = "c2FtcGxlLWFwcG9pbnRtZW50LWtleS0wMDAwMDAwMDA=";

    /// <summary>Base64 key (≥ 16 bytes) shared with the online booking system.</summary>
    [Required]
    public string Key { get; set; } = "";
}
