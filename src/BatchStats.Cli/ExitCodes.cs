namespace BatchStats.Cli;

/// <summary>Exit codes fixed by the CLI contract.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
}
