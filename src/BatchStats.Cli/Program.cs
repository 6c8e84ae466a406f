namespace BatchStats.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("batchstats: not yet available");
        return 1;
    }
}
