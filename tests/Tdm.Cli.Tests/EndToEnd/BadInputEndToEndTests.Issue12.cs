using Tdm.Cli.Tests.Support;

namespace Tdm.Cli.Tests.EndToEnd;

/// <summary>Issue 12's classes through the built program: no stack trace, no hang, the documented exit code.</summary>
public sealed partial class BadInputEndToEndTests
{
    // A hang (the FIFO cases before the fix) fails here rather than holding CI.
    private static readonly TimeSpan s_bound = TimeSpan.FromMinutes(3);

    private static void AssertNoTrace((int Code, string Out, string Error) result) =>
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);

    private string[] WithOption(string[] args, string option, string value)
    {
        var list = args.ToList();
        int i = list.IndexOf(option);
        if (i >= 0)
            list[i + 1] = value;
        else
            list.AddRange([option, value]);
        return [.. list];
    }

    [Fact]
    public void CacheDirIsAFile_Exit7NamingIt()
    {
        File.WriteAllText(_folder["cache"], "");
        var result = TdmProcess.Run(WithOption(e2e.Restore(e2e.Clip, _folder["o.mp4"]), "--cache-dir", _folder["cache"]), s_bound);
        AssertFails(result, ExitCodes.Output, $"the cache folder '{_folder["cache"]}' cannot be used (it is a file, not a folder)");
        AssertNoTrace(result);
    }

    [Theory]
    [InlineData("--model")]
    [InlineData("--controlnet")]
    public void FifoAsModelOrControlNet_Exit4WithoutBlocking(string option)
    {
        var fifo = Tdm.Tests.SpecialFiles.MakeFifo(_folder["pipe.safetensors"]);
        var result = TdmProcess.Run(WithOption(e2e.Restore(e2e.Clip, _folder["o.mp4"]), option, fifo), s_bound);
        AssertFails(result, ExitCodes.Model, "is a FIFO (named pipe), not a regular file");
        AssertNoTrace(result);
    }

    [Fact]
    public void FifoAsInput_Exit3WithoutBlocking()
    {
        var fifo = Tdm.Tests.SpecialFiles.MakeFifo(_folder["pipe.mp4"]);
        AssertFails(TdmProcess.Run(e2e.Restore(fifo, _folder["o.mp4"]), s_bound), ExitCodes.Input, $"input '{fifo}' is a FIFO (named pipe)");
    }

    [Fact]
    public void FifoInspected_Exit4WithoutBlocking()
    {
        var fifo = Tdm.Tests.SpecialFiles.MakeFifo(_folder["pipe.safetensors"]);
        var (code, output, _) = TdmProcess.Run(["models", "inspect", fifo], s_bound);
        Assert.Equal(ExitCodes.Model, code);
        Assert.Contains("is a FIFO (named pipe)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExrWithNaNPixels_Exit3NamingTheFrameAndCount()
    {
        // Frame 2 of 3 has one NaN sample, in R at (3, 2): the README's choice is to refuse, not to guess a value.
        Directory.CreateDirectory(_folder["nan"]);
        for (int n = 1; n <= 3; n++)
            Ffmpeg.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=64x64", "-vf",
                $"format=gbrpf32le,geq=r='if(eq(X\\,3)*eq(Y\\,2)*eq({n}\\,2)\\,0/0\\,0.5)':g=0.5:b=0.5", "-frames:v", "1", "-c:v", "exr",
                _folder[$"nan/n_{n:D4}.exr"]]);
        var result = TdmProcess.Run(e2e.Restore(_folder["nan/n_%04d.exr"], _folder["out/r_%04d.exr"]), s_bound);
        AssertFails(result, ExitCodes.Input, $"frame 2 ('{_folder["nan/n_0002.exr"]}') has 1 non-finite sample(s) (NaN or infinity; the first is NaN in R at x 3, y 2)");
        AssertNoTrace(result);
    }
}
