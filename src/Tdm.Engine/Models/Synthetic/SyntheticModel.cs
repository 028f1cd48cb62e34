using System.Runtime.InteropServices;
using System.Text;
using Tdm.Engine.Checkpoints;
using Tdm.Engine.Configs;
using Tdm.Engine.Models;

namespace Tdm.Engine.Models.Synthetic;

/// <summary>The sizes a synthesized model can have.</summary>
public enum SyntheticArchitecture
{
    /// <summary>SD1.5's block structure and key names at tiny widths: the README's demo model and the test fixture.</summary>
    Tiny,
    /// <summary>SD1.5's exact sizes (a 3.4 GB U-Net in float32): for speed and memory measurements.</summary>
    Sd15,
}

/// <summary>
/// Writes a random-weight Stable Diffusion 1.5 + ControlNet model in the diffusers layout (model_index.json, unet/,
/// vae/, text_encoder/, tokenizer/, scheduler/, controlnet/), deterministically from a seed. The tensor list comes
/// from the graph code (<see cref="NetworkCatalogue.ExpectedTensors"/>), so a synthesized model always loads. Weights
/// follow PyTorch's default initialisation (uniform within 1/sqrt(fan-in); norms at identity), which keeps
/// activations finite through the whole method. It restores nothing: real restoration needs real weights.
/// </summary>
public static class SyntheticModel
{
    /// <summary>Writes the model into <paramref name="folder"/> (created; existing files replaced).</summary>
    public static void Write(string folder, SyntheticArchitecture architecture, int seed, Action<string>? log = null)
    {
        var (unet, controlNet, vae, text, vocabulary) = Configs(architecture);
        var configs = new Dictionary<string, IModelConfig>
        {
            [ComponentNames.UNet] = unet, [ComponentNames.ControlNet] = controlNet, [ComponentNames.Vae] = vae, [ComponentNames.TextEncoder] = text,
        };
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "model_index.json"), ModelIndex);
        foreach (var component in NetworkCatalogue.Components)
            WriteComponent(folder, component, configs[component.Name], seed, log);
        Directory.CreateDirectory(Path.Combine(folder, "scheduler"));
        File.WriteAllText(Path.Combine(folder, "scheduler", "scheduler_config.json"), SchedulerConfig.StableDiffusion15.ToJson());
        SyntheticVocabulary.Write(Path.Combine(folder, "tokenizer"), vocabulary);
    }

    /// <summary>The configurations of each architecture.</summary>
    internal static (UNetConfig UNet, ControlNetConfig ControlNet, VaeConfig Vae, ClipTextConfig Text, int Vocabulary) Configs(SyntheticArchitecture architecture)
    {
        if (architecture == SyntheticArchitecture.Sd15)
            return (UNetConfig.StableDiffusion15, ControlNetConfig.StableDiffusion15, VaeConfig.StableDiffusion15, ClipTextConfig.StableDiffusion15,
                SyntheticVocabulary.Sd15VocabularySize);
        const int vocabulary = 1024;
        var unet = UNetConfig.StableDiffusion15 with
        {
            BlockOutChannels = [32, 32, 64, 64], NormNumGroups = 8, CrossAttentionDim = 32, AttentionHeadDim = [4], SampleSize = 8,
        };
        var controlNet = ControlNetConfig.FromUNet(unet, [8, 16, 16, 32]);
        var vae = VaeConfig.StableDiffusion15 with { BlockOutChannels = [8, 16, 16, 16], NormNumGroups = 4, SampleSize = 64 };
        var text = ClipTextConfig.StableDiffusion15 with
        {
            VocabSize = vocabulary, HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 4, ProjectionDim = 32,
        };
        return (unet, controlNet, vae, text, vocabulary);
    }

    private const string ModelIndex = """
        {
          "_class_name": "StableDiffusionControlNetPipeline",
          "controlnet": ["diffusers", "ControlNetModel"],
          "scheduler": ["diffusers", "DDIMScheduler"],
          "text_encoder": ["transformers", "CLIPTextModel"],
          "tokenizer": ["transformers", "CLIPTokenizer"],
          "unet": ["diffusers", "UNet2DConditionModel"],
          "vae": ["diffusers", "AutoencoderKL"]
        }
        """;

    private static void WriteComponent(string folder, Component component, IModelConfig config, int seed, Action<string>? log)
    {
        string dir = Path.Combine(folder, component.Name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.json"), config.ToJson());
        var entries = NetworkCatalogue.ExpectedTensors(component.Name, config)
            .Select(t => new SafetensorsWriterEntry(t.Key, SafetensorsDType.F32, t.Shape, stream => WriteValues(stream, t.Key, t.Shape, seed)))
            .ToList();
        long bytes = entries.Sum(e => e.ByteLength);
        log?.Invoke($"{component.Name}: {entries.Count} tensors, {bytes / (1 << 20)} MiB");
        SafetensorsWriter.Write(Path.Combine(dir, component.WeightsFile), entries,
            new Dictionary<string, string> { ["format"] = "pt", ["tdm"] = $"synthetic random weights, seed {seed}; restores nothing" });
    }

    // Each tensor draws from its own generator seeded by (seed, key): independent of order and of other tensors.
    private static void WriteValues(Stream stream, string key, long[] shape, int seed)
    {
        var random = new SplitMix64(((ulong)(uint)seed << 32) ^ Fnv1a(key));
        long count = shape.Aggregate(1L, (a, d) => a * d);
        long fanIn = shape.Length > 1 ? shape.Skip(1).Aggregate(1L, (a, d) => a * d) : 0;
        bool norm = shape.Length == 1 && (key.Contains("norm", StringComparison.Ordinal));
        bool embedding = key.Contains("embedding.weight", StringComparison.Ordinal) && key.StartsWith("embeddings.", StringComparison.Ordinal);
        var buffer = new float[(int)Math.Min(count, 1 << 20)];
        for (long done = 0; done < count; done += buffer.Length)
        {
            int n = (int)Math.Min(buffer.Length, count - done);
            for (int i = 0; i < n; i++)
            {
                buffer[i] = norm ? (key.EndsWith(".weight", StringComparison.Ordinal) ? 1f : 0f)
                    : embedding ? 0.02f * random.NextNormal()
                    : fanIn > 0 ? (2f * random.NextSingle() - 1f) / MathF.Sqrt(fanIn)
                    : 0.02f * (2f * random.NextSingle() - 1f);
            }
            stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, n)));
        }
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 1099511628211;
        return hash;
    }

    /// <summary>SplitMix64: a tiny generator whose output is fixed by its definition, not by a library version.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
        public float NextSingle() => (Next() >> 40) * (1f / (1 << 24));

        /// <summary>Standard normal (Box-Muller).</summary>
        public float NextNormal()
        {
            float u = MathF.Max(NextSingle(), 1e-7f), v = NextSingle();
            return MathF.Sqrt(-2f * MathF.Log(u)) * MathF.Cos(2f * MathF.PI * v);
        }
    }
}
