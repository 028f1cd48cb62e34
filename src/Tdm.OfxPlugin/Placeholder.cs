namespace Tdm.OfxPlugin;

internal static class Placeholder;
