using Microsoft.Extensions.DependencyInjection;
using Tdm.OfxPlugin.Host;
using Tdm.OfxPlugin.Restoration;

namespace Tdm.OfxPlugin;

/// <summary>
/// The plugin's composition root, built at the Load action and disposed at Unload: the host's suites, the instance
/// table, the restoration service (one engine for the binary, shared by every instance) and the actions.
/// </summary>
internal sealed class PluginServices : IDisposable
{
    private readonly ServiceProvider _provider;

    private PluginServices(ServiceProvider provider)
    {
        _provider = provider;
        Suites = provider.GetRequiredService<HostSuites>();
        Actions = provider.GetRequiredService<EffectActions>();
    }

    public HostSuites Suites { get; }

    public EffectActions Actions { get; }

    /// <summary>Composes the services over <paramref name="suites"/>.</summary>
    public static PluginServices Compose(HostSuites suites)
    {
        var services = new ServiceCollection();
        services.AddSingleton(suites);
        services.AddSingleton<InstanceTable>();
        services.AddSingleton<IRestoreService, EngineRestoreService>();
        services.AddSingleton<EffectActions>();
        return new PluginServices(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public void Dispose() => _provider.Dispose();
}
