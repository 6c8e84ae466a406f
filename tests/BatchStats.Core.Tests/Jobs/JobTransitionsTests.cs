using BatchStats.Core.Jobs;

namespace BatchStats.Core.Tests.Jobs;

/// <summary>Every cell of the transition table of spec §7.2.</summary>
public sealed class JobTransitionsTests
{
    private const BatchStatus Created = BatchStatus.Created;
    private const BatchStatus Analysing = BatchStatus.Analysing;
    private const BatchStatus AnalysisDone = BatchStatus.AnalysisDone;
    private const BatchStatus Processing = BatchStatus.Processing;
    private const BatchStatus Stopped = BatchStatus.Stopped;

    private static void AssertAccepted(TransitionOutcome o, BatchStatus status, UserAction action, JobEffect effect, StoppedStatusReason? reason = null)
    {
        Assert.Equal(TransitionKind.Accepted, o.Kind);
        Assert.Equal(status, o.Status);
        Assert.Equal(action, o.UserAction);
        Assert.Equal(effect, o.Effect);
        Assert.Equal(reason, o.StoppedStatusReason);
        Assert.Null(o.Message);
    }

    private static void AssertNoOp(TransitionOutcome o, BatchStatus status, UserAction action)
    {
        Assert.Equal(TransitionKind.NoOp, o.Kind);
        Assert.Equal(status, o.Status);
        Assert.Equal(action, o.UserAction);
        Assert.Equal(JobEffect.None, o.Effect);
    }

    private static void AssertRejected(TransitionOutcome o, string statusName, string verb)
    {
        Assert.True(o.IsRejected);
        Assert.Equal(JobEffect.None, o.Effect);
        Assert.Equal($"Cannot {verb} a request in status {statusName}.", o.Message);
    }

    [Fact]
    public void Created_analyse_goes_to_analysing_with_action_analyse() =>
        AssertAccepted(JobTransitions.Apply(Created, UserAction.None, JobCommand.Analyse, false),
            Analysing, UserAction.Analyse, JobEffect.BeginAnalysis);

    [Fact]
    public void Created_start_goes_to_analysing_with_action_start() =>
        AssertAccepted(JobTransitions.Apply(Created, UserAction.None, JobCommand.Start, false),
            Analysing, UserAction.Start, JobEffect.BeginAnalysis);

    [Fact]
    public void Created_stop_is_a_noop() =>
        AssertNoOp(JobTransitions.Apply(Created, UserAction.None, JobCommand.Stop, false), Created, UserAction.None);

    [Fact]
    public void Analysing_analyse_is_a_noop() =>
        AssertNoOp(JobTransitions.Apply(Analysing, UserAction.Analyse, JobCommand.Analyse, false), Analysing, UserAction.Analyse);

    [Fact]
    public void Analysing_start_records_start_and_keeps_analysing() =>
        AssertAccepted(JobTransitions.Apply(Analysing, UserAction.Analyse, JobCommand.Start, false),
            Analysing, UserAction.Start, JobEffect.None);

    [Fact]
    public void Analysing_stop_records_stop_and_keeps_analysing() =>
        AssertAccepted(JobTransitions.Apply(Analysing, UserAction.Analyse, JobCommand.Stop, false),
            Analysing, UserAction.Stop, JobEffect.None);

    [Fact]
    public void AnalysisDone_analyse_is_a_noop() =>
        AssertNoOp(JobTransitions.Apply(AnalysisDone, UserAction.Analyse, JobCommand.Analyse, true), AnalysisDone, UserAction.Analyse);

    [Fact]
    public void AnalysisDone_start_goes_to_processing() =>
        AssertAccepted(JobTransitions.Apply(AnalysisDone, UserAction.Analyse, JobCommand.Start, true),
            Processing, UserAction.Start, JobEffect.BeginProcessing);

    [Fact]
    public void AnalysisDone_stop_goes_to_stopped_by_user_action() =>
        AssertAccepted(JobTransitions.Apply(AnalysisDone, UserAction.Analyse, JobCommand.Stop, true),
            Stopped, UserAction.Stop, JobEffect.None, StoppedStatusReason.UserAction);

    [Fact]
    public void Processing_analyse_is_rejected_naming_the_status() =>
        AssertRejected(JobTransitions.Apply(Processing, UserAction.Start, JobCommand.Analyse, true), "PROCESSING", "analyse");

    [Fact]
    public void Processing_start_is_a_noop() =>
        AssertNoOp(JobTransitions.Apply(Processing, UserAction.Start, JobCommand.Start, true), Processing, UserAction.Start);

    [Fact]
    public void Processing_stop_drains_then_stops() =>
        AssertAccepted(JobTransitions.Apply(Processing, UserAction.Start, JobCommand.Stop, true),
            Processing, UserAction.Stop, JobEffect.DrainAndStop);

    [Fact]
    public void Stopped_analyse_is_rejected_naming_the_status() =>
        AssertRejected(JobTransitions.Apply(Stopped, UserAction.Stop, JobCommand.Analyse, true), "STOPPED", "analyse");

    [Fact]
    public void Stopped_start_after_a_completed_analysis_goes_to_processing() =>
        AssertAccepted(JobTransitions.Apply(Stopped, UserAction.Stop, JobCommand.Start, analysisCompleted: true),
            Processing, UserAction.Start, JobEffect.BeginProcessing);

    [Fact]
    public void Stopped_start_without_a_completed_analysis_analyses_first() =>
        AssertAccepted(JobTransitions.Apply(Stopped, UserAction.Stop, JobCommand.Start, analysisCompleted: false),
            Analysing, UserAction.Start, JobEffect.BeginAnalysis);

    [Fact]
    public void Stopped_stop_is_a_noop() =>
        AssertNoOp(JobTransitions.Apply(Stopped, UserAction.Stop, JobCommand.Stop, true), Stopped, UserAction.Stop);

    [Fact]
    public void Done_analyse_is_rejected() =>
        AssertRejected(JobTransitions.Apply(BatchStatus.Done, UserAction.Start, JobCommand.Analyse, true), "DONE", "analyse");

    [Fact]
    public void Done_start_is_rejected() =>
        AssertRejected(JobTransitions.Apply(BatchStatus.Done, UserAction.Start, JobCommand.Start, true), "DONE", "start");

    [Fact]
    public void Done_stop_is_a_noop() =>
        AssertNoOp(JobTransitions.Apply(BatchStatus.Done, UserAction.Start, JobCommand.Stop, true), BatchStatus.Done, UserAction.Start);

    [Fact]
    public void Failed_analyse_is_rejected() =>
        AssertRejected(JobTransitions.Apply(BatchStatus.Failed, UserAction.Analyse, JobCommand.Analyse, false), "FAILED", "analyse");

    [Fact]
    public void Failed_start_is_rejected() =>
        AssertRejected(JobTransitions.Apply(BatchStatus.Failed, UserAction.Analyse, JobCommand.Start, false), "FAILED", "start");

    [Fact]
    public void Failed_stop_is_a_noop() =>
        AssertNoOp(JobTransitions.Apply(BatchStatus.Failed, UserAction.Analyse, JobCommand.Stop, false), BatchStatus.Failed, UserAction.Analyse);

    [Fact]
    public void Analysis_success_after_analyse_is_analysis_done() =>
        AssertAccepted(JobTransitions.OnAnalysisSucceeded(UserAction.Analyse), AnalysisDone, UserAction.Analyse, JobEffect.None);

    [Fact]
    public void Analysis_success_after_start_begins_processing() =>
        AssertAccepted(JobTransitions.OnAnalysisSucceeded(UserAction.Start), Processing, UserAction.Start, JobEffect.BeginProcessing);

    [Fact]
    public void Analysis_success_after_stop_is_stopped_by_user_action() =>
        AssertAccepted(JobTransitions.OnAnalysisSucceeded(UserAction.Stop), Stopped, UserAction.Stop, JobEffect.None,
            StoppedStatusReason.UserAction);

    [Theory]
    [InlineData("CREATED", BatchStatus.Created)]
    [InlineData("ANALYSING", BatchStatus.Analysing)]
    [InlineData("ANALYSIS_DONE", BatchStatus.AnalysisDone)]
    [InlineData("PROCESSING", BatchStatus.Processing)]
    [InlineData("DONE", BatchStatus.Done)]
    [InlineData("FAILED", BatchStatus.Failed)]
    [InlineData("STOPPED", BatchStatus.Stopped)]
    public void Status_names_round_trip(string name, BatchStatus status)
    {
        Assert.Equal(name, JobTransitions.StatusName(status));
        Assert.Equal(status, JobTransitions.ParseStatus(name));
    }

    [Theory]
    [InlineData("PARTIAL")]
    [InlineData("CANCELED")]
    [InlineData("done")]
    public void Statuses_outside_7_1_do_not_parse(string name)
    {
        var ex = Assert.Throws<FormatException>(() => JobTransitions.ParseStatus(name));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_enum_has_exactly_the_seven_spec_statuses() =>
        Assert.Equal(
            ["CREATED", "ANALYSING", "ANALYSIS_DONE", "PROCESSING", "DONE", "FAILED", "STOPPED"],
            Enum.GetValues<BatchStatus>().Select(JobTransitions.StatusName));
}
