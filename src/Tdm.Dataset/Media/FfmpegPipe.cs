using Tdm.Engine;

namespace Tdm.Dataset.Media;

/// <summary>One ffmpeg run that reads bytes on stdin (or nothing) and returns its stdout; a failure names the step.</summary>
public static class FfmpegPipe
{
    /// <summary>Runs ffmpeg with <paramref name="args"/>, feeding <paramref name="input"/>; throws with ffmpeg's message when it fails.</summary>
    public static byte[] Run(FfmpegTools tools, IReadOnlyList<string> args, byte[]? input, string what)
    {
        using var process = tools.Start(tools.Ffmpeg, args, redirectInput: input is not null, TdmErrorKind.Output);
        var errors = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        if (input is not null)
        {
            try
            {
                process.StandardInput.BaseStream.Write(input);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // ffmpeg closed its input early; its exit code and message below say why.
            }
        }
        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new TdmException(TdmErrorKind.Output, $"cannot {what}: ffmpeg says: {FfmpegTools.Tail(errors.GetAwaiter().GetResult())}");
        return output.ToArray();
    }
}
