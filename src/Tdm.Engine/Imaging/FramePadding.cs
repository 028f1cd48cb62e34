namespace Tdm.Engine.Imaging;

/// <summary>
/// How a frame is padded to the networks' canvas (multiples of 64): reflection without repeating the edge pixel, like
/// PyTorch's "reflect". It continues the image's texture across the border, so the padding neither darkens the edges
/// through the VAE nor pulls SW-CFA's keys towards a constant band. The padding is written with the conditioning
/// image and cropped away as the decoded frame is read (<see cref="FrameTensors"/>).
/// </summary>
internal static class FramePadding
{
    /// <summary>The sample of a reflected sequence of <paramref name="n"/> samples at index <paramref name="i"/>:
    /// 0 1 .. n-1 n-2 .. 1 0 1 ... (period 2n - 2).</summary>
    public static int Mirror(int i, int n)
    {
        if (n == 1)
            return 0;
        int period = (2 * n) - 2;
        i %= period;
        return i < n ? i : period - i;
    }
}
