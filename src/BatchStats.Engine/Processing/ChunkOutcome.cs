namespace BatchStats.Engine.Processing;

/// <summary>What happened to one delivered work item.</summary>
public enum ChunkOutcome
{
    /// <summary>The chunk's files are written and its counts were added to the job.</summary>
    Committed,

    /// <summary>The chunk had already been committed (a re-delivery): nothing counted twice.</summary>
    Duplicate,

    /// <summary>The job is not processing or a STOP was requested: the chunk was left for a later start.</summary>
    NotRunnable,
}
