using BatchStats.Demo.Scene;

namespace BatchStats.Demo.Output;

/// <summary>Writes truth.json: what the generator put into every field on every date (schema in the README of the report).</summary>
internal static class TruthWriter
{
    public const string Schema = "batchstats-demo-truth/1";

    public static void Write(string path, SceneModel model, TruthCounters counters, IReadOnlyList<double> cloudCover)
    {
        var o = model.Options;
        var dates = model.Dates.Count;
        JsonFiles.Write(path, w =>
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteNumber("seed", o.Seed);
            w.WriteString("collection", o.CollectionId);
            w.WriteStartObject("grid");
            w.WriteNumber("epsg", o.Epsg);
            w.WriteNumber("width", o.Width);
            w.WriteNumber("height", o.Height);
            w.Numbers("transform", [o.PixelSize, 0, o.OriginX, 0, -o.PixelSize, o.OriginY]);
            w.WriteEndObject();
            w.WriteStartArray("dates");
            foreach (var d in model.Dates)
            {
                w.WriteStartObject();
                w.WriteNumber("index", d.Index);
                w.WriteString("itemId", d.ItemId);
                w.WriteString("datetime", JsonFiles.Iso(d.DateTimeUtc));
                w.WriteNumber("cloudCover", cloudCover[d.Index]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("fields");
            for (var f = 0; f < model.Fields.Count; f++)
            {
                var field = model.Fields[f];
                var centre = field.Pixels.CentreInsideCount;
                w.WriteStartObject();
                w.WriteNumber("id", field.Id);
                w.WriteString("identifier", field.Identifier);
                w.WriteString("crop", field.Crop.Name());
                w.WriteString("kind", field.Kind.Name());
                w.WriteBoolean("validGeometry", field.IsValidGeometry);
                w.WriteBoolean("pixelAligned", field.IsPixelAligned);
                w.WriteNumber("pixelsCentreInside", centre);
                w.WriteNumber("pixelsFullyInside", field.Pixels.FullyInsideCount);
                if (o.WriteTruthPixels)
                {
                    w.WriteStartArray("fullyInside");
                    foreach (var run in field.Pixels.FullyInside)
                    {
                        w.WriteStartArray();
                        w.WriteNumberValue(run.Row);
                        w.WriteNumberValue(run.ColStart);
                        w.WriteNumberValue(run.ColEnd);
                        w.WriteEndArray();
                    }

                    w.WriteEndArray();
                }

                w.WriteStartArray("dates");
                for (var d = 0; d < dates; d++)
                {
                    var cloudy = counters.CloudyCentre[(f * dates) + d];
                    w.WriteStartObject();
                    w.WriteNumber("ndvi", model.FieldNdvi[(f * dates) + d]);
                    w.WriteNumber("cloudFraction", centre == 0 ? 0 : cloudy / (double)centre);
                    w.WriteNumber("clearFullyInside", counters.ClearFully[(f * dates) + d]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
