namespace Tdm.Engine.Checkpoints;

/// <summary>The element types a safetensors header may name (the header's spelling, upper case).</summary>
internal enum SafetensorsDType
{
    /// <summary>bool, one byte.</summary>
    BOOL,
    /// <summary>uint8.</summary>
    U8,
    /// <summary>int8.</summary>
    I8,
    /// <summary>int16.</summary>
    I16,
    /// <summary>uint16.</summary>
    U16,
    /// <summary>IEEE half.</summary>
    F16,
    /// <summary>bfloat16.</summary>
    BF16,
    /// <summary>int32.</summary>
    I32,
    /// <summary>uint32.</summary>
    U32,
    /// <summary>IEEE single.</summary>
    F32,
    /// <summary>IEEE double.</summary>
    F64,
    /// <summary>int64.</summary>
    I64,
    /// <summary>uint64.</summary>
    U64,
    /// <summary>float8 e4m3 (finite, NaN only).</summary>
    F8_E4M3,
    /// <summary>float8 e5m2.</summary>
    F8_E5M2,
    /// <summary>float8 e8m0 (an exponent-only scale type).</summary>
    F8_E8M0,
}
