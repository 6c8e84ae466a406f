using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;
using BenchmarkDotNet.Attributes;

namespace BatchStats.Bench.Imagery;

/// <summary>
/// Requests and bytes per 10×10 window (cold: fresh open per window) against the naïve whole-file read. Not a
/// timing benchmark: one invocation prints the counts (<c>--filter '*WindowRequestCounts*' --job dry</c>).
/// </summary>
public class WindowRequestCounts
{
    [Benchmark]
    public async Task Count()
    {
        var bench = new CogReadBenchmarks();
        bench.Setup();
        var path = typeof(CogReadBenchmarks).GetField("_path", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(bench) as string;
        var windows = (PixelWindow[])typeof(CogReadBenchmarks).GetField("_windows", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(bench)!;
        long requests = 0, bytes = 0, sharedRequests, sharedBytes;
        var buffer = new ushort[100];
        foreach (var w in windows)
        {
            using var source = new CountingByteSource(new FileByteSource(path!));
            var image = await CogImage.OpenAsync(source, new TileCache());
            await image.ReadWindowAsync(w, buffer.AsMemory());
            requests += source.Requests;
            bytes += source.BytesRead;
        }

        using (var shared = new CountingByteSource(new FileByteSource(path!)))
        {
            var image = await CogImage.OpenAsync(shared, new TileCache());
            foreach (var w in windows)
            {
                await image.ReadWindowAsync(w, buffer.AsMemory());
            }

            (sharedRequests, sharedBytes) = (shared.Requests, shared.BytesRead);
        }

        var fileBytes = new FileInfo(path!).Length;
        Console.WriteLine($"IMAGERY-COUNTS cold: {requests / 100.0:F2} requests/window, {bytes / 100.0:F0} bytes/window; " +
                          $"shared cache: {sharedRequests} requests, {sharedBytes} bytes for 100 windows; naive: 1 request, {fileBytes} bytes/window");
    }
}
