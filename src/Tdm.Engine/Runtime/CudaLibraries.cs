using System.Runtime.InteropServices;

namespace Tdm.Engine.Runtime;

/// <summary>
/// Makes ONNX Runtime's CUDA provider loadable inside any process. The provider library has no RUNPATH, and an
/// editor's process rarely has CUDA on its library path, so, like ONNX Runtime's Python package (preload_dlls),
/// we look for the CUDA 13 runtime, cuBLAS, cuRAND, cuFFT and cuDNN 9 in a configured folder and the usual places
/// and load them with RTLD_GLOBAL before the provider is created. When one is missing the user is told which
/// library and where it was sought.
/// </summary>
internal static partial class CudaLibraries
{
    /// <summary>What the CUDA provider of ONNX Runtime 1.31 needs (its DT_NEEDED entries, and cuDNN 9, which it
    /// opens at run time), in load order.</summary>
    public static readonly string[] Required =
    [
        "libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13", "libcurand.so.10", "libcudnn.so.9",
    ];

    /// <summary>cuDNN 9's sub-libraries, which it opens by soname: preloaded from beside libcudnn.so.9 when present.</summary>
    private static readonly string[] s_cudnnParts =
    [
        "libcudnn_graph.so.9", "libcudnn_engines_precompiled.so.9", "libcudnn_engines_runtime_compiled.so.9",
        "libcudnn_heuristic.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn_adv.so.9",
    ];

    /// <summary>The NVIDIA driver's CUDA library: without it there is no usable GPU at all.</summary>
    public static bool DriverPresent => dlopen("libcuda.so.1", RtldNow | RtldGlobal) != 0;

    private const int RtldNow = 2, RtldGlobal = 0x100;
    private static readonly object s_gate = new();
    private static string? s_loadedFrom;

    /// <summary>
    /// Loads every required library (once per process). Returns null on success, else a message naming what is
    /// missing and the folders searched.
    /// </summary>
    public static string? TryLoad(string? configuredFolder)
    {
        lock (s_gate)
        {
            if (s_loadedFrom != null)
                return null;
            if (!DriverPresent)
                return "no NVIDIA driver found (libcuda.so.1 is not on the library path): there is no usable GPU";
            var folders = SearchFolders(configuredFolder).ToList();
            var missing = new List<string>();
            foreach (var soname in Required)
                if (!TryLoadOne(soname, folders))
                    missing.Add(soname);
            foreach (var part in s_cudnnParts)
                TryLoadOne(part, folders);
            if (missing.Count > 0)
                return $"CUDA libraries not found: {string.Join(", ", missing)}. Searched the system library path and " +
                    $"{string.Join(", ", folders)}. Install the CUDA 13 runtime and cuDNN 9, or point TDM_CUDA_PATH " +
                    "(or the plugin's CUDA folder setting) at a folder containing them.";
            s_loadedFrom = string.Join(",", folders);
            return null;
        }
    }

    // The configured folder first, then $TDM_CUDA_PATH, $CUDA_PATH, /usr/local/cuda-13*, /usr/local/cuda, and the
    // nvidia-*-cu13 wheels of a Python environment (site-packages/nvidia/*/lib).
    private static IEnumerable<string> SearchFolders(string? configured)
    {
        var candidates = new List<string?> { configured, Environment.GetEnvironmentVariable("TDM_CUDA_PATH"), Environment.GetEnvironmentVariable("CUDA_PATH") };
        foreach (var root in candidates.Where(c => !string.IsNullOrEmpty(c)).ToList())
            candidates.Add(Path.Combine(root!, "lib64"));
        if (Directory.Exists("/usr/local"))
            foreach (var cuda in Directory.GetDirectories("/usr/local", "cuda-13*").Order().Append("/usr/local/cuda"))
            {
                candidates.Add(Path.Combine(cuda, "lib64"));
                candidates.Add(Path.Combine(cuda, "targets", "x86_64-linux", "lib"));
            }
        foreach (var sitePackages in PythonSitePackages())
            if (Directory.Exists(Path.Combine(sitePackages, "nvidia")))
                foreach (var lib in Directory.GetDirectories(Path.Combine(sitePackages, "nvidia")))
                {
                    candidates.Add(Path.Combine(lib, "lib"));
                    candidates.Add(Path.Combine(lib, "cu13", "lib"));
                }
        return candidates.Where(c => !string.IsNullOrEmpty(c) && Directory.Exists(c)).Select(c => c!).Distinct();
    }

    private static IEnumerable<string> PythonSitePackages()
    {
        foreach (var root in new[] { "/usr/local/lib", "/usr/lib", Environment.GetEnvironmentVariable("VIRTUAL_ENV") is { } venv ? Path.Combine(venv, "lib") : null })
        {
            if (root is null || !Directory.Exists(root))
                continue;
            foreach (var python in Directory.GetDirectories(root, "python3*"))
                foreach (var kind in new[] { "site-packages", "dist-packages" })
                    yield return Path.Combine(python, kind);
        }
    }

    private static bool TryLoadOne(string soname, IEnumerable<string> folders)
    {
        if (dlopen(soname, RtldNow | RtldGlobal) != 0)
            return true; // already on the library path
        foreach (var folder in folders)
        {
            string path = Path.Combine(folder, soname);
            if (File.Exists(path) && dlopen(path, RtldNow | RtldGlobal) != 0)
                return true;
        }
        return false;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint dlopen(string file, int mode);
}
