using Microsoft.Extensions.DependencyInjection;
using Tdm.Cli.Bench;
using Tdm.Cli.Commands;
using Tdm.Cli.Media;
using Tdm.Cli.Restore;
using Tdm.Dataset.Media;

namespace Tdm.Cli;

/// <summary>
/// The composition root: the one place that knows which implementation serves each part of the command line. Every
/// registration is a factory (no reflection-based activation), so the graph survives trimming and NativeAOT. Tests
/// replace single registrations through <c>configure</c>.
/// </summary>
internal static class Composition
{
    /// <summary>The services of a tdm process writing to <paramref name="console"/>.</summary>
    public static ServiceProvider Build(CliConsole console, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(console);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => FfmpegTools.FromEnvironment());
        services.AddSingleton(sp => new MediaProbe(sp.GetRequiredService<FfmpegTools>()));
        services.AddSingleton(sp => new VideoEncoder(sp.GetRequiredService<FfmpegTools>()));
        services.AddSingleton<IRangeRestorerFactory>(_ => new EngineRangeRestorerFactory());
        services.AddSingleton(sp => new RestoreJob(
            sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<FfmpegTools>(),
            sp.GetRequiredService<VideoEncoder>(), sp.GetRequiredService<IRangeRestorerFactory>()));

        // Commands, in the order 'tdm --help' lists them.
        services.AddSingleton<ICommand>(sp => new RestoreCommand(
            sp.GetRequiredService<CliConsole>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RestoreJob>()));
        services.AddSingleton<ICommand>(sp => new ModelsSynthCommand(sp.GetRequiredService<CliConsole>()));
        services.AddSingleton<ICommand>(sp => new ModelsInspectCommand(sp.GetRequiredService<CliConsole>()));
        services.AddSingleton<ICommand>(sp => new BenchGraphsCommand(sp.GetRequiredService<CliConsole>()));
        services.AddSingleton<ICommand>(sp => new BenchRestoreCommand(sp.GetRequiredService<CliConsole>(), sp.GetRequiredService<FfmpegTools>()));
        services.AddSingleton<ICommand>(sp => new BenchDevicesCommand(sp.GetRequiredService<CliConsole>()));
        services.AddSingleton<ICommand>(sp => new BenchTemporalCommand(sp.GetRequiredService<CliConsole>()));
        services.AddSingleton<ICommand>(sp => new BenchTilesCommand(sp.GetRequiredService<CliConsole>()));
        services.AddSingleton<ICommand>(sp => new DatasetBuildCommand(
            sp.GetRequiredService<CliConsole>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<FfmpegTools>()));
        services.AddSingleton<ICommand>(sp => new DatasetInspectCommand(sp.GetRequiredService<CliConsole>(), sp.GetRequiredService<FfmpegTools>()));
        services.AddSingleton<ICommand>(sp => new EvalCommand(
            sp.GetRequiredService<CliConsole>(), sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<FfmpegTools>()));

        services.AddSingleton(sp => new TdmCli(sp.GetRequiredService<CliConsole>(), sp.GetServices<ICommand>()));
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Runs one command line in-process with the given console and overrides; the program's and the tests' entry.</summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel, Action<IServiceCollection>? configure = null)
    {
        using var services = Build(console, configure);
        return services.GetRequiredService<TdmCli>().Run(args, cancel);
    }
}
