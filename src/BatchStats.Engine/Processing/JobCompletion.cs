using System.Globalization;
using BatchStats.Core.Jobs;

namespace BatchStats.Engine.Processing;

/// <summary>The automatic end of processing (spec §7.2): DONE with 100 %, or FAILED when every feature failed.</summary>
internal static class JobCompletion
{
    public static void Finish(JobState s)
    {
        var p = s.Progress;
        if (p.TotalFeatures > 0 && p.FailedFeatures == p.TotalFeatures)
        {
            s.Task.Status = BatchStatus.Failed;
            s.Task.Error = $"All {p.TotalFeatures.ToString(CultureInfo.InvariantCulture)} features failed; see the error documents in the output folder.";
        }
        else
        {
            s.Task.Status = BatchStatus.Done;
        }

        s.RefreshCompletionPercentage();
    }
}
