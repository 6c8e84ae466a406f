using BatchStats.Functions.Errors;
using BatchStats.Functions.Events;

namespace BatchStats.Functions;

/// <summary>
/// The state machine's last Task (<c>BatchStats.Functions::BatchStats.Functions.ExportFunction::Handle</c>).
/// In: <c>{requestId}</c> of a DONE job. Writes Parquet, CSV and failures.csv under <c>&lt;prefix&gt;/&lt;requestId&gt;/export/</c>
/// and the DynamoDB index items. Out: <see cref="ExportFunctionResult"/>.
/// </summary>
public sealed class ExportFunction
{
    private readonly FunctionServices _services;

    public ExportFunction()
        : this(FunctionServices.Default)
    {
    }

    public ExportFunction(FunctionServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    public Task<Stream> Handle(Stream input) => FunctionIo.RunAsync(input,
        FunctionsJsonContext.Default.ExportInput, FunctionsJsonContext.Default.ExportFunctionResult, async (e, ct) =>
        {
            var id = string.IsNullOrEmpty(e.RequestId) ? throw new InvalidInputError("Export input: 'requestId' is required.") : e.RequestId;
            var (result, urls) = await _services.Exporter.ExportAsync(id, ct);
            return new ExportFunctionResult
            {
                RequestId = id,
                Features = result.Features,
                Rows = result.Rows,
                Failures = result.Failures,
                IndexItems = result.IndexItems,
                Files = urls,
            };
        });
}
