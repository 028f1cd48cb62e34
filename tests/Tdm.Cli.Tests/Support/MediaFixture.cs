namespace Tdm.Cli.Tests.Support;

/// <summary>
/// Inputs shared by the media tests, made once per test class: an H.264 video with B-frames and an AAC tone, a
/// 16-bit PNG sequence numbered from 1001, a video cut in half, and a file that is not a video.
/// </summary>
public sealed class MediaFixture : IDisposable
{
    public const int VideoFrames = 40;
    public const int VideoWidth = 64;
    public const int VideoHeight = 32;
    public const int SequenceFirst = 1001;
    public const int SequenceFrames = 6;
    public const int SequenceWidth = 24;
    public const int SequenceHeight = 16;

    private readonly TempFolder _folder = new();

    public MediaFixture()
    {
        Video = _folder["clip.mp4"];
        Ffmpeg.TestVideo(Video, VideoFrames, VideoWidth, VideoHeight, audio: true);

        SequencePattern = _folder["seq/frame_%04d.png"];
        Directory.CreateDirectory(_folder["seq"]);
        SequenceSamples = Ffmpeg.Png16Sequence(SequencePattern, SequenceFirst, SequenceFrames, SequenceWidth, SequenceHeight);

        // moov at the end (no faststart) and the file cut in half: the index never arrives.
        var whole = _folder["whole.mp4"];
        Ffmpeg.TestVideo(whole, VideoFrames, VideoWidth, VideoHeight);
        var bytes = File.ReadAllBytes(whole);
        Truncated = _folder["truncated.mp4"];
        File.WriteAllBytes(Truncated, bytes[..(bytes.Length / 2)]);

        NotAVideo = _folder["notes.mp4"];
        File.WriteAllText(NotAVideo, "these are not the frames you are looking for\n");
    }

    public string Video { get; }

    public string SequencePattern { get; }

    public ushort[] SequenceSamples { get; }

    public string Truncated { get; }

    public string NotAVideo { get; }

    public void Dispose() => _folder.Dispose();
}
