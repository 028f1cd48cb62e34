using Tdm.Engine.Checkpoints;
using Tdm.Engine.Graphs;
using Tdm.Engine.Runtime;
using Xunit.Abstractions;
using static Tdm.Engine.Tests.Graphs.GraphTestKit;

namespace Tdm.Engine.Tests.Graphs;

public class ClipTextGraphTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Forward_ThreePrompts_MatchReference()
    {
        using var weights = SafetensorsFile.Open(Tdm.Tests.Golden.Path("models", "text_encoder", "model.safetensors"));
        using var vectors = Vectors("text_encoder.safetensors");
        // The golden folder stores transformers 4's nested names.
        using var session = Session((w, t) => ClipTextGraph.Build(GoldenSpecs.Clip(), w, t), weights, "text_encoder", fileKey: k => "text_model." + k);
        var idsTensor = vectors["input_ids"];
        var ids = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(vectors.GetBytes(idsTensor)).ToArray();
        using var idsValue = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(ids, idsTensor.Shape);
        var outputs = RunValues(session, [(ClipTextGraph.InputIds, idsValue)]);
        float err = MaxAbsDiff(outputs[ClipTextGraph.LastHiddenState], Read(vectors, "last_hidden_state"));
        output.WriteLine($"last_hidden_state max abs error {err:E2}");
        Assert.True(err <= Tolerance, $"last_hidden_state max abs error {err:E2} > {Tolerance:E0}");
    }
}
