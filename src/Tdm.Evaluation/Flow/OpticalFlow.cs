using OpenCvSharp;
using Tdm.Engine.Imaging;

namespace Tdm.Evaluation.Flow;

/// <summary>
/// Dense optical flow between two frames, by OpenCV's Farneback method (polynomial expansion, Farneback 2003) on
/// their 8-bit luma. Farneback rather than DIS: OpenCvSharp's native library exports no entry point for
/// cv::DISOpticalFlow (only calcOpticalFlowFarneback, PyrLK and the superres wrappers), and a shim of our own would
/// have to link OpenCV symbols the library does not export. Farneback is smooth and deterministic; its weakness,
/// blur at motion boundaries, is what the motion-boundary mask of <see cref="Warping.OcclusionMask"/> leaves out.
/// </summary>
internal static class OpticalFlow
{
    // Parameters: a 5-level pyramid halving each level (displacements up to about 2^5 x the window reach), 15 px
    // averaging window, 5 iterations per level, 7-pixel neighbourhood with sigma 1.5 (OpenCV's pairing for polyN 7)
    // and a Gaussian window: OpenCV's documented "more accurate, slower" choices, fixed so scores stay comparable.
    private const double PyramidScale = 0.5, PolySigma = 1.5;
    private const int Levels = 5, WindowSize = 15, Iterations = 5, PolyN = 7;

    /// <summary>The flow from <paramref name="from"/> to <paramref name="to"/> (same size).</summary>
    public static FlowField Estimate(Frame from, Frame to)
    {
        if (from.Width != to.Width || from.Height != to.Height)
            throw new ArgumentException($"optical flow needs frames of one size, got {from.Width}x{from.Height} and {to.Width}x{to.Height}");
        int w = from.Width, h = from.Height;
        using var prev = Luma(from);
        using var next = Luma(to);
        using var flow = new Mat();
        Cv2.CalcOpticalFlowFarneback(prev, next, flow, PyramidScale, Levels, WindowSize, Iterations, PolyN, PolySigma,
            OpticalFlowFlags.FarnebackGaussian);
        var data = new float[2 * w * h];
        if (!flow.IsContinuous() || flow.Type() != MatType.CV_32FC2)
            throw new InvalidOperationException($"OpenCV returned a flow of type {flow.Type()}, expected a continuous CV_32FC2");
        System.Runtime.InteropServices.Marshal.Copy(flow.Data, data, 0, data.Length);
        return new FlowField(w, h, data);
    }

    // Rec. 601 luma of the RGB channels, clamped to [0, 1] and rounded to 8 bits (the input Farneback documents).
    private static Mat Luma(Frame frame)
    {
        var bytes = new byte[frame.Width * frame.Height];
        float[] px = frame.Pixels;
        for (int i = 0; i < bytes.Length; i++)
        {
            float y = (0.299f * px[4 * i]) + (0.587f * px[(4 * i) + 1]) + (0.114f * px[(4 * i) + 2]);
            bytes[i] = (byte)MathF.Round(Math.Clamp(y, 0f, 1f) * 255f);
        }
        var mat = new Mat(frame.Height, frame.Width, MatType.CV_8UC1);
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, mat.Data, bytes.Length);
        return mat;
    }
}
