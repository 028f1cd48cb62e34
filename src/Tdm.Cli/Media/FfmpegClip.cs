using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tdm.Dataset.Media;
using Tdm.Engine;
using Tdm.Engine.Imaging;
using Tdm.Engine.Video;

namespace Tdm.Cli.Media;

/// <summary>
/// A video file or image sequence as an engine clip, decoded by one streaming ffmpeg process to raw RGBA at the
/// source's depth (8-bit, 16-bit or float). Reads are frame-exact: clip index i is the i-th decoded frame (of a
/// sequence: file number FirstNumber + i). Reading forward streams; a read behind the recent-frame cache or far ahead
/// restarts the decoder there (a video seeks by time to half a frame before the frame, which lands exactly on it at
/// a constant frame rate; a variable-rate video restarts from its first frame). Thread-safe; returns copies.
/// </summary>
internal sealed class FfmpegClip : IClip, IDisposable
{
    // Reading up to this many frames to skip ahead is cheaper than restarting ffmpeg with a seek.
    private const int SkipAheadLimit = 48;

    private readonly FfmpegTools _tools;
    private readonly int _cacheFrames;
    private readonly Dictionary<int, Frame> _cache = [];
    private readonly Queue<int> _cacheOrder = new();
    private readonly Lock _lock = new();
    private readonly byte[] _buffer;
    private Process? _decoder;
    private StringBuilder _decoderErrors = new();
    private int _next;

    /// <summary>A clip over <paramref name="info"/>, keeping the last <paramref name="cacheFrames"/> decoded frames.</summary>
    public FfmpegClip(MediaInfo info, FfmpegTools tools, int cacheFrames = 40)
    {
        Info = info;
        _tools = tools;
        _cacheFrames = Math.Max(1, cacheFrames);
        Format = RawPixels.For(info.Depth, info.HasAlpha);
        _buffer = new byte[RawPixels.FrameBytes(Format, info.Width, info.Height)];
    }

    /// <summary>The input's facts.</summary>
    public MediaInfo Info { get; }

    /// <summary>The raw format frames are decoded to.</summary>
    public RawPixelFormat Format { get; }

    /// <summary>Number of frames.</summary>
    public int Length => Info.FrameCount;

    /// <summary>How the engine's messages name a frame: by its number and file in a sequence, by its index in a video.</summary>
    public string FrameName(int index) => Info.Sequence is { } sequence
        ? $"frame {Info.FirstNumber + index} ('{sequence.PathOf(Info.FirstNumber + index)}')"
        : $"frame {index} of '{Info.Path}'";

    /// <summary>A copy of frame <paramref name="index"/> (0-based within the clip).</summary>
    public Frame ReadFrame(int index)
    {
        if ((uint)index >= (uint)Length)
            throw new TdmException(TdmErrorKind.BadArgument, $"frame index {index} is outside the clip '{Info.Path}' (indices 0 to {Length - 1})");
        lock (_lock)
        {
            if (_cache.TryGetValue(index, out var cached))
                return cached.Clone();
            if (_decoder is null || index < _next || index - _next > SkipAheadLimit)
                StartDecoder(index);
            Frame frame;
            do
            {
                frame = DecodeNext();
            }
            while (_next <= index);
            return frame.Clone();
        }
    }

    /// <summary>Stops the decoder.</summary>
    public void Dispose()
    {
        lock (_lock)
            StopDecoder();
    }

    private void StartDecoder(int index)
    {
        StopDecoder();
        // A variable-rate video has no exact time for a frame number: count frames from the start instead.
        var start = Info.Sequence is null && Info.VariableRate ? 0 : index;
        var args = new List<string> { "-nostdin", "-v", "error" };
        if (Info.Sequence is { } sequence)
        {
            args.AddRange(["-f", "image2", "-framerate", Info.Rate.ToString(), "-start_number",
                (Info.FirstNumber + start).ToString(CultureInfo.InvariantCulture), "-i", sequence.Path]);
        }
        else
        {
            if (start > 0)
            {
                // Half a frame before frame `start`: with -ss before -i ffmpeg decodes from the previous keyframe and
                // drops every frame earlier than this time, so the first frame out is exactly `start`.
                var seconds = Info.VideoStartOffset + ((start - 0.5) * Info.Rate.Denominator / Info.Rate.Numerator);
                args.AddRange(["-ss", seconds.ToString("0.#########", CultureInfo.InvariantCulture)]);
            }
            args.AddRange(["-i", Info.Path]);
        }
        args.AddRange(["-map", "0:v:0", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", RawPixels.FfmpegName(Format), "-"]);

        _decoderErrors = new StringBuilder();
        var errors = _decoderErrors;
        _decoder = _tools.Start(_tools.Ffmpeg, args, redirectInput: false, TdmErrorKind.Input);
        _decoder.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (errors)
                if (errors.Length < 8000)
                    errors.AppendLine(e.Data);
        };
        _decoder.BeginErrorReadLine();
        _next = start;
    }

    private Frame DecodeNext()
    {
        var stream = _decoder!.StandardOutput.BaseStream;
        var read = stream.ReadAtLeast(_buffer, _buffer.Length, throwOnEndOfStream: false);
        if (read < _buffer.Length)
        {
            _decoder.WaitForExit();
            string errors;
            lock (_decoderErrors)
                errors = _decoderErrors.ToString();
            var said = errors.Trim().Length > 0 ? $"; ffmpeg says: {FfmpegTools.Tail(errors)}" : "";
            throw new TdmException(TdmErrorKind.Input,
                $"'{Info.Path}' ended before frame {Info.FirstNumber + _next} although ffprobe counted {Length} frames (numbers {Info.FirstNumber} to {Info.LastNumber}): the file may be truncated or damaged{said}");
        }
        var frame = RawPixels.ToFrame(_buffer, Format, Info.Width, Info.Height);
        Remember(_next, frame);
        _next++;
        return frame;
    }

    private void Remember(int index, Frame frame)
    {
        if (_cache.TryAdd(index, frame))
            _cacheOrder.Enqueue(index);
        while (_cacheOrder.Count > _cacheFrames)
            _cache.Remove(_cacheOrder.Dequeue());
    }

    private void StopDecoder()
    {
        if (_decoder is null)
            return;
        try
        {
            if (!_decoder.HasExited)
                _decoder.Kill();
            _decoder.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _decoder.Dispose();
        _decoder = null;
    }
}
