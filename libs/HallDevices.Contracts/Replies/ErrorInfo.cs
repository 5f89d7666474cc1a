namespace HallDevices.Contracts;

/// <summary>A refusal: stable kebab-case code plus human text.</summary>
/// <param name="Code">e.g. <c>daily-limit</c>.</param>
/// <param name="Message">Explanation for people.</param>
public sealed record ErrorInfo(string Code, string Message);
