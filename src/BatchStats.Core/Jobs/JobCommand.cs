namespace BatchStats.Core.Jobs;

/// <summary>A user command on a job: <c>POST {B}/{id}/analyse|start|stop</c>. The legacy <c>cancel</c> is <see cref="Stop"/>.</summary>
public enum JobCommand
{
    Analyse,
    Start,
    Stop,
}
