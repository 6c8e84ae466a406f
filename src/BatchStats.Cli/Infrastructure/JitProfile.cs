using System.Diagnostics;
using System.Runtime.InteropServices;
using BatchStats.Evalscript;

namespace BatchStats.Cli.Infrastructure;

/// <summary>
/// Picks the JIT's dynamic PGO per job for <c>batchstats run</c>. Every executable ships with TieredPGO off
/// (Directory.Build.props): on jobs whose evalscript compiles to the .NET fast path, PGO's instrumented tier cost
/// 8–15 % more CPU end to end. A script outside the fast path runs in Jint, whose interpreter PGO speeds up by a third
/// (tutorial NDVI 1.7 → 2.3 M px/s; 1 000 fields × 6 dates with a helper function: 48 → 40 s wall). The runtime
/// reads the setting once at start-up, so such a job is handed to a child process started with
/// <c>DOTNET_TieredPGO=1</c>. An explicit <c>DOTNET_TieredPGO</c> in the environment is the user's choice and is kept.
/// </summary>
public static class JitProfile
{
    public const string Variable = "DOTNET_TieredPGO";

    /// <summary>
    /// When this process may start a copy of itself and the job's evalscript needs Jint, runs the same command line in
    /// a child with TieredPGO on and returns its exit code; otherwise null and the caller goes on in this process.
    /// </summary>
    public static int? ContinueInChildIfJint(CliContext context, string? evalscript)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RelaunchArguments is not { } arguments || !MayRelaunch(Environment.GetEnvironmentVariable(Variable)) || !WantsTieredPgo(evalscript))
        {
            return null;
        }

        context.Debug($"the evalscript runs in Jint (not on the compiled fast path): continuing in a child process with {Variable}=1");
        return RunChild(arguments);
    }

    /// <summary>
    /// True when an inline evalscript compiles but not to the fast path. A script by reference (null here), or one that
    /// does not compile, keeps this process (the engine reports compile errors with the job).
    /// </summary>
    public static bool WantsTieredPgo(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return false;
        }

        try
        {
            using var script = Evalscript.Evalscript.Compile(source);
            return !script.IsFastPath;
        }
        catch (EvalscriptCompileException)
        {
            return false;
        }
    }

    /// <summary>Relaunch only when the user left the setting alone; a child sees the variable set and never relaunches.</summary>
    public static bool MayRelaunch(string? variableValue) => string.IsNullOrEmpty(variableValue);

    /// <summary>
    /// Runs this CLI again with the same arguments and TieredPGO on, stdio inherited, and returns its exit code.
    /// Ctrl-C reaches the child through the terminal's process group; this process waits for it instead of dying
    /// first, and forwards a SIGTERM sent to it alone.
    /// </summary>
    public static int RunChild(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = ChildStartInfo(arguments);
        start.Environment[Variable] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            _ = Kill(child.Id, Sigterm);
        });
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>The same program: <c>dotnet batchstats.dll …</c> when run through the muxer, else the app host itself.</summary>
    public static ProcessStartInfo ChildStartInfo(IReadOnlyList<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(JitProfile).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
