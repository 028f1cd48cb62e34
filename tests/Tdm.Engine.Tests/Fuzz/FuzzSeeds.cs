using System.Buffers.Binary;
using System.Text;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Configs;
using Tdm.Engine.Tests.Checkpoints;

namespace Tdm.Engine.Tests.Fuzz;

/// <summary>
/// The seed corpus, made by the tests from files they already have (no corpus is committed): the golden
/// safetensors headers and configs, SD1.5's configs as the engine writes them, hand-made small headers, and the
/// inputs issue 12 found. Everything here is small (the largest golden header is 122 KB).
/// </summary>
internal static class FuzzSeeds
{
    /// <summary>A safetensors file cut to its header: the header JSON and the length of the data that follows.</summary>
    public sealed record Header(byte[] Json, long DataLength);

    public static IReadOnlyList<Header> Headers { get; } = MakeHeaders();

    /// <summary>config.json texts by reader.</summary>
    public static IReadOnlyList<byte[]> UNetConfigs { get; } = Configs("unet", UNetConfig.StableDiffusion15.ToJson());
    public static IReadOnlyList<byte[]> VaeConfigs { get; } = Configs("vae", VaeConfig.StableDiffusion15.ToJson());
    public static IReadOnlyList<byte[]> ClipConfigs { get; } = Configs("text_encoder", ClipTextConfig.StableDiffusion15.ToJson());
    public static IReadOnlyList<byte[]> ControlNetConfigs { get; } = Configs("controlnet", ControlNetConfig.StableDiffusion15.ToJson());
    public static IReadOnlyList<byte[]> SchedulerConfigs { get; } =
    [
        File.ReadAllBytes(Tdm.Tests.Golden.Path("models", "scheduler", "scheduler_config.json")),
        Encoding.UTF8.GetBytes(SchedulerConfig.StableDiffusion15.ToJson()),
        "{\"beta_end\": 1e9}"u8.ToArray(),
        "{\"trained_betas\": [0.1, 0.2], \"num_train_timesteps\": 2}"u8.ToArray(),
    ];

    /// <summary>The tensor lists (names, dtypes, shapes) of the golden single files, for the single-file detector.</summary>
    public static IReadOnlyList<IReadOnlyList<SafetensorsTensor>> SingleFiles { get; } =
    [
        TensorsOf(SingleFileFixtures.Sd15), TensorsOf(SingleFileFixtures.ControlNet),
        TensorsOf(SingleFileFixtures.ControlNet, drop: LdmKeyMap.ControlNetPrefix), // the unprefixed lllyasviel layout
        Sd15Structured(), Sd15StructuredControlNet(),
    ];

    // The golden tiny files need their configs (their groups are not SD1.5's), so detection alone refuses them early.
    // These have SD1.5's structure, heads and groups at small widths, so detection succeeds and the graphs' tensor
    // lists and key maps are reached too. Names and shapes only: the detector never reads data.
    private static UNetConfig SmallUNet => UNetConfig.StableDiffusion15 with { BlockOutChannels = [64, 64, 128, 128], CrossAttentionDim = 96 };

    private static List<SafetensorsTensor> Sd15Structured()
    {
        var vae = VaeConfig.StableDiffusion15 with { BlockOutChannels = [32, 64, 64, 64] };
        var clip = ClipTextConfig.StableDiffusion15 with { HiddenSize = 96, IntermediateSize = 192, NumHiddenLayers = 2, VocabSize = 1000 };
        var clipMap = LdmKeyMap.Clip([LdmKeyMap.ClipPrefix + "text_model.x"]);
        return
        [
            .. Named(ComponentNames.UNet, SmallUNet, LdmKeyMap.UNet(SmallUNet)),
            .. Named(ComponentNames.Vae, vae, LdmKeyMap.Vae(vae)),
            .. Named(ComponentNames.TextEncoder, clip, clipMap),
        ];
    }

    private static List<SafetensorsTensor> Sd15StructuredControlNet() =>
        Named(ComponentNames.ControlNet, ControlNetConfig.FromUNet(SmallUNet), LdmKeyMap.ControlNet(ControlNetConfig.FromUNet(SmallUNet), LdmKeyMap.ControlNetPrefix));

    private static List<SafetensorsTensor> Named(string component, IModelConfig config, ComponentKeyMap map) =>
        [.. Tdm.Engine.Models.NetworkCatalogue.ExpectedTensors(component, config).Select(t =>
            new SafetensorsTensor(map.ToFileKey(t.Key), SafetensorsDType.F32, t.Shape, 0, t.Shape.Aggregate(4L, (a, d) => a * d), 0))];

    private static List<Header> MakeHeaders()
    {
        var seeds = new List<Header>();
        var length = new byte[8];
        foreach (string file in Directory.EnumerateFiles(Tdm.Tests.Golden.Root, "*.safetensors", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            stream.ReadExactly(length);
            var json = new byte[BinaryPrimitives.ReadUInt64LittleEndian(length)];
            stream.ReadExactly(json);
            seeds.Add(new Header(json, stream.Length - 8 - json.Length));
        }
        // Small hand-made ones reach the entry checks quickly; the last ones are issue 12's crashers.
        string[] small =
        [
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""",
            """{"__metadata__":{"format":"pt"},"a":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}""",
            """{"a":{"dtype":"BOOL","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}}""",
            """{"a\ud800":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""",
            """{"a":{"dtype":"F32","dtype":"F16","shape":[2],"data_offsets":[0,8]}}""",
        ];
        seeds.AddRange(small.Select(s => new Header(Encoding.UTF8.GetBytes(s), 8)));
        return seeds;
    }

    private static List<byte[]> Configs(string component, string sd15) =>
    [
        File.ReadAllBytes(Tdm.Tests.Golden.Path("models", component, "config.json")),
        Encoding.UTF8.GetBytes(sd15),
        "{}"u8.ToArray(),
    ];

    private static List<SafetensorsTensor> TensorsOf(string path, string? drop = null)
    {
        using var file = SafetensorsFile.Open(path);
        return [.. file.Tensors.Values.Select(t => drop != null && t.Name.StartsWith(drop, StringComparison.Ordinal) ? t with { Name = t.Name[drop.Length..] } : t)];
    }
}
