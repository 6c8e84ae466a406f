using BatchStats.Engine.Local;
using Spectre.Console;

namespace BatchStats.Cli.Infrastructure;

/// <summary>
/// Shows a running job: a live Spectre progress bar (features, failed, intervals, PU, ETA) on a terminal, otherwise
/// a plain line whenever the counts change, at most every <see cref="PlainInterval"/>, plus the final state.
/// </summary>
public sealed class ProgressReporter
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private readonly CliContext _context;
    private readonly TextWriter _plain;

    /// <param name="plain">Where plain lines go (stderr when stdout is reserved for JSON).</param>
    public ProgressReporter(CliContext context, TextWriter plain)
    {
        _context = context;
        _plain = plain;
    }

    public async Task<T> RunAsync<T>(string title, Func<IProgress<JobProgressUpdate>, Task<T>> work)
    {
        if (!_context.IsTerminal)
        {
            var sink = new PlainSink(_plain, title);
            var result = await work(sink).ConfigureAwait(false);
            sink.Flush();
            return result;
        }

        T value = default!;
        await _context.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                var sink = new SyncProgress(u =>
                {
                    task.MaxValue = Math.Max(1, u.FeaturesTotal);
                    task.Value = u.FeaturesFinished;
                    task.Description = Markup.Escape(Describe(title, u));
                    if (u.IsTerminal)
                    {
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                });
                value = await work(sink).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return value;
    }

    public static string Describe(string title, JobProgressUpdate u)
    {
        var eta = u.Eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "";
        return $"{title} {Status(u)}: {u.FeaturesFinished}/{u.FeaturesTotal} features ({u.FeaturesFailed} failed), " +
               $"{u.Intervals} intervals, {u.CostPU:0.###} PU{eta}";
    }

    private static string Status(JobProgressUpdate u) => BatchStats.Core.Jobs.JobTransitions.StatusName(u.Status);

    /// <summary>IProgress that calls back synchronously (Progress&lt;T&gt; would post to a thread pool and reorder).</summary>
    private sealed class SyncProgress(Action<JobProgressUpdate> report) : IProgress<JobProgressUpdate>
    {
        public void Report(JobProgressUpdate value) => report(value);
    }

    private sealed class PlainSink(TextWriter writer, string title) : IProgress<JobProgressUpdate>
    {
        private readonly object _gate = new();
        private DateTime _lastWrite = DateTime.MinValue;
        private string? _lastLine;
        private JobProgressUpdate? _pending;

        public void Report(JobProgressUpdate value)
        {
            lock (_gate)
            {
                var line = Describe(title, value with { Elapsed = default, Eta = null });
                if (line == _lastLine)
                {
                    return;
                }

                var now = DateTime.UtcNow;
                if (_lastLine is null || value.IsTerminal || now - _lastWrite >= PlainInterval)
                {
                    writer.WriteLine(Describe(title, value));
                    _lastLine = line;
                    _lastWrite = now;
                    _pending = null;
                }
                else
                {
                    _pending = value;
                }
            }
        }

        public void Flush()
        {
            lock (_gate)
            {
                if (_pending is { } p)
                {
                    writer.WriteLine(Describe(title, p));
                    _pending = null;
                }
            }
        }
    }
}
