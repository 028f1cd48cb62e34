using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;

namespace Tdm.Engine.Text;

/// <summary>The text encoder's embedding of each prompt ([1, 77, D]), computed once per prompt. Thread-safe.</summary>
internal sealed class PromptEmbeddings(ClipTokenizer tokenizer, NetworkSession textEncoder, TensorDevice device)
{
    private readonly ConcurrentDictionary<string, Lazy<HostTensor>> _cache = new(StringComparer.Ordinal);

    public HostTensor For(string prompt) =>
        _cache.GetOrAdd(prompt, p => new Lazy<HostTensor>(() => Encode(p))).Value;

    private HostTensor Encode(string prompt)
    {
        var ids = tokenizer.EncodeForModel(prompt);
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        var outputs = device.Run(textEncoder, [(ClipTextGraph.InputIds, input)], [ClipTextGraph.LastHiddenState], CancellationToken.None);
        using var embedding = outputs[0];
        return device.Download(embedding);
    }
}
