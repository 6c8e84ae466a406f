using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using BatchStats.Aws.Configuration;
using BatchStats.TestSupport;

namespace BatchStats.Aws.Tests.Moto;

/// <summary>
/// One moto server per test run (xunit collection fixture): started from the pyenv Python 3.11.7 through
/// <c>infra/local/moto_launch.py</c> (the Step Functions deepcopy fix) on a free port, polled until it answers, reset
/// between tests and killed on dispose. When Python/moto is missing, tests skip outside CI and fail under CI=true.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    /// <summary>Why moto could not be started, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");

    /// <summary>Clients aimed explicitly at this server (ServiceURL, path-style S3, dummy keys, us-east-1).</summary>
    public AwsClientFactory Clients => new(new AwsClientOptions
    {
        ServiceUrl = Endpoint.ToString().TrimEnd('/'),
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("test", "test"),
        MaxErrorRetry = 2,
    }, _ => null);

    /// <summary>Skips the current test (outside CI) or fails it (CI=true) when moto is not running.</summary>
    public void Require()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (SharedData.IsCi)
        {
            throw new InvalidOperationException($"moto is required under CI=true: {Unavailable}");
        }

        throw new SkipException($"moto server not available, AWS tests skipped: {Unavailable}");
    }

    /// <summary>Wipes every resource (buckets, tables, queues, state machines) and re-enables SFN execution.</summary>
    public async Task ResetAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        using var reset = await _http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null).ConfigureAwait(false);
        reset.EnsureSuccessStatusCode();
        await EnableStepFunctionsExecutionAsync().ConfigureAwait(false);
    }

    public async Task InitializeAsync()
    {
        var python = FindPython();
        if (python is null)
        {
            Unavailable = "pyenv Python 3.11.7 not found (looked in $BATCHSTATS_MOTO_PYTHON, $PYENV_ROOT, $HOME/.pyenv, /root/.pyenv).";
            return;
        }

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var launcher = RepoPaths.Find("infra/local/moto_launch.py");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher is not null)
        {
            start.ArgumentList.Add(launcher);
        }
        else
        {
            start.ArgumentList.Add("-m");
            start.ArgumentList.Add("moto.server");
        }

        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MOTO_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Unavailable = $"could not start {python}: {ex.Message}";
            return;
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_startTimeout)
        {
            if (_process.HasExited)
            {
                Unavailable = $"moto exited with code {_process.ExitCode}: {Tail()}";
                return;
            }

            try
            {
                using var probe = await _http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null).ConfigureAwait(false);
                if (probe.StatusCode == HttpStatusCode.OK)
                {
                    await EnableStepFunctionsExecutionAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        Unavailable = $"moto did not answer on {Endpoint} within {s_startTimeout.TotalSeconds} s: {Tail()}";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _http.Dispose();
        return Task.CompletedTask;
    }

    private async Task EnableStepFunctionsExecutionAsync()
    {
        using var content = new StringContent("{\"stepfunctions\":{\"execute_state_machine\":true}}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(Endpoint, "/moto-api/config"), content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
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
            if (_log.Length > 20_000)
            {
                _log.Remove(0, _log.Length - 10_000);
            }
        }
    }

    private string Tail()
    {
        lock (_log)
        {
            var text = _log.ToString();
            return text.Length > 2000 ? text[^2000..] : text;
        }
    }

    private static string? FindPython()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("BATCHSTATS_MOTO_PYTHON"),
            Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root ? Path.Combine(root, "versions/3.11.7/bin/python3") : null,
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv/versions/3.11.7/bin/python3"),
            "/root/.pyenv/versions/3.11.7/bin/python3",
        };
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
