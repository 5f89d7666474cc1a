namespace HallDevices.Reporting.Rendering;

/// <summary>How pages are numbered in the footer.</summary>
public enum PageNumbering
{
    /// <summary>第 N 页 / 共 M 页 (Page N of M).</summary>
    WithTotal,

    /// <summary>第 N 页 (Page N).</summary>
    PageOnly,
}
