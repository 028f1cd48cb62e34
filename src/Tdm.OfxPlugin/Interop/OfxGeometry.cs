using System.Runtime.InteropServices;

namespace Tdm.OfxPlugin.Interop;

// ofxCore.h geometry structs, field order and types as declared there.

/// <summary>OfxRectI: integer rectangle, x1/y1 inclusive, x2/y2 exclusive.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OfxRectI
{
    public int x1, y1, x2, y2;

    public OfxRectI(int x1, int y1, int x2, int y2) => (this.x1, this.y1, this.x2, this.y2) = (x1, y1, x2, y2);

    public readonly int Width => x2 - x1;
    public readonly int Height => y2 - y1;
    public readonly bool IsEmpty => x2 <= x1 || y2 <= y1;

    public readonly OfxRectI Intersect(OfxRectI o) =>
        new(Math.Max(x1, o.x1), Math.Max(y1, o.y1), Math.Min(x2, o.x2), Math.Min(y2, o.y2));

    public override readonly string ToString() => $"({x1},{y1})-({x2},{y2})";
}

/// <summary>OfxRectD: double rectangle in canonical coordinates.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OfxRectD
{
    public double x1, y1, x2, y2;

    public OfxRectD(double x1, double y1, double x2, double y2) => (this.x1, this.y1, this.x2, this.y2) = (x1, y1, x2, y2);

    public override readonly string ToString() => $"({x1},{y1})-({x2},{y2})";
}

/// <summary>OfxPointD.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OfxPointD
{
    public double x, y;
}

/// <summary>OfxPointI.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OfxPointI
{
    public int x, y;
}

/// <summary>OfxRangeD.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OfxRangeD
{
    public double min, max;
}
