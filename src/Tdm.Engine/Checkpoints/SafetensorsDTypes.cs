namespace Tdm.Engine.Checkpoints;

/// <summary>Sizes and names of <see cref="SafetensorsDType"/>.</summary>
internal static class SafetensorsDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this SafetensorsDType t) => t switch
    {
        SafetensorsDType.BOOL or SafetensorsDType.U8 or SafetensorsDType.I8
            or SafetensorsDType.F8_E4M3 or SafetensorsDType.F8_E5M2 or SafetensorsDType.F8_E8M0 => 1,
        SafetensorsDType.I16 or SafetensorsDType.U16 or SafetensorsDType.F16 or SafetensorsDType.BF16 => 2,
        SafetensorsDType.I32 or SafetensorsDType.U32 or SafetensorsDType.F32 => 4,
        _ => 8,
    };

    /// <summary>True for the floating-point types a network weight may be stored in and we convert from.</summary>
    public static bool IsWeightFloat(this SafetensorsDType t) =>
        t is SafetensorsDType.F32 or SafetensorsDType.F16 or SafetensorsDType.BF16;

    /// <summary>The header's spelling of <paramref name="t"/> ("F32", "BF16", ...).</summary>
    public static string HeaderName(this SafetensorsDType t) => t switch
    {
        SafetensorsDType.BOOL => "BOOL",
        SafetensorsDType.U8 => "U8",
        SafetensorsDType.I8 => "I8",
        SafetensorsDType.I16 => "I16",
        SafetensorsDType.U16 => "U16",
        SafetensorsDType.F16 => "F16",
        SafetensorsDType.BF16 => "BF16",
        SafetensorsDType.I32 => "I32",
        SafetensorsDType.U32 => "U32",
        SafetensorsDType.F32 => "F32",
        SafetensorsDType.F64 => "F64",
        SafetensorsDType.I64 => "I64",
        SafetensorsDType.U64 => "U64",
        SafetensorsDType.F8_E4M3 => "F8_E4M3",
        SafetensorsDType.F8_E5M2 => "F8_E5M2",
        SafetensorsDType.F8_E8M0 => "F8_E8M0",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "not a safetensors dtype"),
    };

    /// <summary>
    /// Parses a header's dtype string. Exact spelling only: unlike <c>Enum.TryParse</c> this refuses numbers
    /// ("9"), lists ("F16,F32"), other casings and padding, none of which the reference implementation accepts.
    /// </summary>
    public static bool TryParse(string? name, out SafetensorsDType dtype)
    {
        SafetensorsDType? parsed = name switch
        {
            "BOOL" => SafetensorsDType.BOOL,
            "U8" => SafetensorsDType.U8,
            "I8" => SafetensorsDType.I8,
            "I16" => SafetensorsDType.I16,
            "U16" => SafetensorsDType.U16,
            "F16" => SafetensorsDType.F16,
            "BF16" => SafetensorsDType.BF16,
            "I32" => SafetensorsDType.I32,
            "U32" => SafetensorsDType.U32,
            "F32" => SafetensorsDType.F32,
            "F64" => SafetensorsDType.F64,
            "I64" => SafetensorsDType.I64,
            "U64" => SafetensorsDType.U64,
            "F8_E4M3" => SafetensorsDType.F8_E4M3,
            "F8_E5M2" => SafetensorsDType.F8_E5M2,
            "F8_E8M0" => SafetensorsDType.F8_E8M0,
            _ => null,
        };
        dtype = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }
}
