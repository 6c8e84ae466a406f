using System.Text.Json.Nodes;
using BatchStats.Core.Requests;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Geo;

namespace BatchStats.Engine.Features;

/// <summary>
/// The real analysis (spec §7.2 ANALYSE, evalscript-v3 §9): compiles the evalscript against the collection, checks the
/// calculations against its outputs and sampleTypes, opens the GeoPackage (file-level validity, one supported CRS,
/// at most 700 000 features) and returns the feature count with a small plan; any problem is a FAILED message.
/// </summary>
public sealed class JobAnalyzer : IJobAnalyzer
{
    /// <summary>Plan key: true when the evalscript compiles to the .NET fast path (the AWS scheduler routes on it).</summary>
    public const string FastPathPlanKey = "evalscriptFastPath";

    private readonly IObjectStore _objects;
    private readonly FeatureFileCache _files;
    private readonly ValidationOptions _validation;
    private readonly long _maxFeatures;

    public JobAnalyzer(IObjectStore objects, FeatureFileCache files, ValidationOptions? validation = null, long maxFeatures = GeoPackageReaderOptions.DefaultMaxFeatures)
    {
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _files = files ?? throw new ArgumentNullException(nameof(files));
        _validation = validation ?? ValidationOptions.Local;
        _maxFeatures = maxFeatures;
    }

    public async Task<AnalysisResult> AnalyzeAsync(string requestId, JsonObject request, CancellationToken ct)
    {
        JobDefinition definition;
        try
        {
            definition = await JobDefinition.LoadAsync(request, _objects, _validation, ct).ConfigureAwait(false);
        }
        catch (JobDefinitionException e)
        {
            return AnalysisResult.Failure(e.Message);
        }

        using (definition)
        {
            var url = definition.FeaturesUrl;
            string path;
            try
            {
                path = await _files.GetLocalPathAsync(url, ct).ConfigureAwait(false);
            }
            catch (ObjectNotFoundException)
            {
                return AnalysisResult.Failure($"input.features.s3.url: the GeoPackage '{url}' does not exist");
            }
            catch (ArgumentException e)
            {
                return AnalysisResult.Failure($"input.features.s3.url: {e.Message}");
            }

            try
            {
                using var reader = GeoPackageReader.Open(path, new GeoPackageReaderOptions { MaxFeatures = _maxFeatures, ValidateGeometry = false });
                var geographic = EpsgCrs.IsGeographic(reader.Epsg);
                var plan = new JsonObject
                {
                    ["featureTable"] = reader.TableName,
                    ["epsg"] = reader.Epsg,
                    ["resolutionUnits"] = geographic ? "degrees" : "metres",
                    ["identifierColumn"] = reader.IdentifierColumn,
                    ["intervals"] = definition.Intervals.Count,
                    ["mosaicking"] = definition.Script.Setup.Mosaicking.ToString().ToUpperInvariant(),
                    ["outputs"] = new JsonArray(definition.Script.Setup.Outputs.Select(o => (JsonNode)JsonValue.Create(o.Id)).ToArray()),
                    [FastPathPlanKey] = definition.Script.IsFastPath,
                };
                return AnalysisResult.Success(reader.Count, plan);
            }
            catch (GeoPackageException e)
            {
                return AnalysisResult.Failure($"input.features: {e.Message}");
            }
        }
    }
}
