using Microsoft.ML.OnnxRuntime;
using Tdm.Engine.Graphs;

namespace Tdm.Engine.Runtime;

/// <summary>Creates ONNX Runtime sessions for built graphs on one device, reading weights where
/// <see cref="WeightPlacement"/> puts them.</summary>
internal sealed class SessionFactory
{
    private readonly GraphCache _graphs;

    private readonly bool _environmentAllocator;

    /// <summary>Sessions on <paramref name="device"/>, caching under <paramref name="cacheFolder"/> (proven writable
    /// here: <see cref="Runtime.CacheFolder.Prepare"/>); with <paramref name="environmentAllocator"/> their memory
    /// comes from the allocator registered in ONNX Runtime's environment (<see cref="EngineOptions.UseEnvironmentAllocator"/>).</summary>
    public SessionFactory(ExecutionDevice device, string cacheFolder, bool environmentAllocator = false)
    {
        _environmentAllocator = environmentAllocator;
        Runtime.CacheFolder.Prepare(cacheFolder);
        Device = device;
        CacheFolder = cacheFolder;
        _graphs = new GraphCache(Path.Combine(cacheFolder, "graphs"));
    }

    /// <summary>Session config key: the folder external-data locations are relative to (the graph is loaded from
    /// bytes, so it has no folder of its own).</summary>
    private const string ExternalDataFolderKey = "session.model_external_initializers_file_folder_path";

    public ExecutionDevice Device { get; }

    public string CacheFolder { get; }

    /// <summary>Serializes <paramref name="graph"/> with its weights placed, and compiles it.</summary>
    public NetworkSession Create(GraphBuilder graph)
    {
        var (model, folder) = Serialize(graph);
        return Create(graph.Name, model, folder);
    }

    /// <summary>
    /// Compiles network <paramref name="name"/>, reading its built graph from the graph cache under
    /// <paramref name="key"/> (see <see cref="GraphCache.Key"/>) or building and caching it.
    /// </summary>
    /// <remarks>Without <paramref name="arena"/> the session's CPU memory is allocated per run and freed after it
    /// instead of kept in the session's own arena: for the many small sessions of a network cut into segments, whose
    /// arenas would each keep their peak.</remarks>
    public NetworkSession Create(string name, string key, Func<GraphBuilder> build, bool arena = true)
    {
        if (_graphs.TryLoad(name, key) is { } cached)
        {
            try
            {
                return Create(name, cached.Model, cached.WeightsFolder, arena);
            }
            catch (GraphBuildException)
            {
                // A cache entry whose converted weights were removed or damaged: rebuild it below.
            }
        }
        var (model, folder) = Serialize(build());
        _graphs.Store(name, key, model, folder);
        return Create(name, model, folder, arena);
    }

    private (byte[] Model, string Folder) Serialize(GraphBuilder graph)
    {
        var plan = WeightPlacement.For(graph, Path.Combine(CacheFolder, "weights"));
        return (graph.Build(plan.Locate), plan.Folder);
    }

    /// <summary>Compiles a serialized graph whose external data lives in <paramref name="weightsFolder"/>.</summary>
    public NetworkSession Create(string name, byte[] model, string weightsFolder, bool arena = true)
    {
        using var options = Options();
        options.EnableCpuMemArena = arena;
        options.AddSessionConfigEntry(ExternalDataFolderKey, weightsFolder);
        try
        {
            return new NetworkSession(name, new InferenceSession(model, options), Device);
        }
        catch (OnnxRuntimeException e)
        {
            throw new GraphBuildException($"ONNX Runtime could not compile the {name} graph for {Device.Description}: {e.Message}", e);
        }
    }

    private SessionOptions Options()
    {
        SessionOptions options;
        if (Device.IsCuda)
        {
            using var cuda = new OrtCUDAProviderOptions();
            cuda.UpdateOptions(new Dictionary<string, string>
            {
                ["device_id"] = Device.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Heuristic algorithm choice: exhaustive search may pick different kernels run to run, which would
                // break bit-identical renders between the interactive view and the render queue.
                ["cudnn_conv_algo_search"] = "HEURISTIC",
                ["arena_extend_strategy"] = "kSameAsRequested",
                ["do_copy_in_default_stream"] = "1",
            });
            options = SessionOptions.MakeSessionOptionWithCudaProvider(cuda);
        }
        else
        {
            options = new SessionOptions();
        }
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        options.IntraOpNumThreads = Device.IntraOpThreads;
        options.InterOpNumThreads = 1;
        options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
        // Denormal floats take a slow path on x86 CPUs; values that small (below 1e-38) carry nothing here.
        options.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
        if (_environmentAllocator)
            options.AddSessionConfigEntry("session.use_env_allocators", "1");
        return options;
    }
}
