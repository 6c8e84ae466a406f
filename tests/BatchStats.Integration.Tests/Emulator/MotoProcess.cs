using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BatchStats.TestSupport;

namespace BatchStats.Integration.Tests.Emulator;

/// <summary>
/// moto (S3, DynamoDB, SQS, Step Functions) from the pyenv Python 3.11.7 via <c>infra/local/moto_launch.py</c> (the
/// repeated-execution fix), with <c>MOTO_PORT</c> = the Invoke host's port so state machine Lambda tasks reach our
/// handlers. Stopped by PID on dispose.
/// </summary>
internal sealed class MotoProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private MotoProcess(Process process, int port)
    {
        _process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Endpoint { get; }

    public string Url => Endpoint.ToString().TrimEnd('/');

    /// <summary>The interpreter, or null with the places looked at.</summary>
    public static string? FindPython() => new[]
        {
            Environment.GetEnvironmentVariable("BATCHSTATS_MOTO_PYTHON"),
            Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root ? Path.Combine(root, "versions/3.11.7/bin/python3") : null,
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv/versions/3.11.7/bin/python3"),
            "/root/.pyenv/versions/3.11.7/bin/python3",
        }
        .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static async Task<MotoProcess> StartAsync(string python, int port, int lambdaPort)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.Get("infra/local/moto_launch.py"), "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MOTO_PORT"] = lambdaPort.ToString(CultureInfo.InvariantCulture);
        var moto = new MotoProcess(Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null"), port);
        moto._process.OutputDataReceived += (_, e) => moto.Append(e.Data);
        moto._process.ErrorDataReceived += (_, e) => moto.Append(e.Data);
        moto._process.BeginOutputReadLine();
        moto._process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (moto._process.HasExited)
            {
                throw new InvalidOperationException($"moto exited with code {moto._process.ExitCode}: {moto.Tail()}");
            }

            try
            {
                using var probe = await http.GetAsync(new Uri(moto.Endpoint, "/moto-api/data.json"));
                if (probe.StatusCode == HttpStatusCode.OK)
                {
                    using var config = new StringContent("{\"stepfunctions\":{\"execute_state_machine\":true}}", Encoding.UTF8, "application/json");
                    (await http.PostAsync(new Uri(moto.Endpoint, "/moto-api/config"), config)).EnsureSuccessStatusCode();
                    return moto;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        moto.Dispose();
        throw new InvalidOperationException($"moto did not answer within 30 s: {moto.Tail()}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Skips outside CI, fails under CI=true.</summary>
    public static Exception Unavailable(string why) =>
        SharedData.IsCi ? new InvalidOperationException($"{why} (required under CI=true)") : new SkipException($"{why}; end-to-end test skipped.");

    public string Tail()
    {
        lock (_log)
        {
            var text = _log.ToString();
            return text.Length > 3000 ? text[^3000..] : text;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
            if (_log.Length > 40_000)
            {
                _log.Remove(0, 20_000);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
