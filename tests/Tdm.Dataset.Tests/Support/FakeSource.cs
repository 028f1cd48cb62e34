using Tdm.Engine.Imaging;

namespace Tdm.Dataset.Tests.Support;

/// <summary>Two in-memory clean items: a 96x80 image and a three-frame 80x120 "video"; optionally a depth map of the image at half its size.</summary>
internal sealed class FakeSource(bool depth = false) : ICleanSource
{
    public int Count => 2;

    public string NameOf(int item) => item == 0 ? "image.png" : "video.mp4";

    public int FrameCount(int item) => item == 0 ? 1 : 3;

    public Frame Read(int item, int frame) => item == 0 ? TestImages.Textured(96, 80, 10) : TestImages.Textured(80, 120, 20 + frame);

    public Frame? ReadDepth(int item, int frame) => depth && item == 0 ? TestImages.Textured(48, 40, 30) : null;
}
