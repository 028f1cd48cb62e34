using Tdm.Engine.Imaging;

namespace Tdm.Cli.Restore;

/// <summary>
/// Where restored frames go, one file per frame named by the input's frame number, each written atomically: a frame
/// either exists complete or not at all, which is what makes resuming and farm ranges safe.
/// </summary>
internal interface IFrameStore
{
    /// <summary>The file that holds frame <paramref name="number"/>.</summary>
    string PathOf(int number);

    /// <summary>Whether frame <paramref name="number"/> is already written (complete).</summary>
    bool Has(int number);

    /// <summary>Writes frame <paramref name="number"/> atomically, replacing any earlier one.</summary>
    void Write(int number, Frame frame);
}
