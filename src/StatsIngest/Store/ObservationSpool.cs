using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// Observations written one after the other to a file and read back in the same order, every field a commit keeps —
/// what the store's columns hold (<see cref="ObservationColumns"/>); the file and its hash, the same for every row, are
/// given when they are read back, as the staging's rows get them — for validate's <see cref="ValidationSink"/>. A value
/// is read back as the store would give it: −0 as 0 (SQLite keeps no sign of zero).
/// </summary>
internal static class ObservationSpool
{
    private const int MaxShared = 10_000;

    public static void Write(BinaryWriter w, Observation o)
    {
        w.Write(o.Key.Indicator);
        w.Write(o.Key.Region);
        w.Write(o.Key.Industry);
        w.Write((byte)o.Key.Basis);
        w.Write((byte)o.Key.Measure);
        w.Write(o.Period.Code);
        w.Write(o.Value.HasValue);
        w.Write(o.Value is { } v && v == 0 ? 0d : o.Value.GetValueOrDefault());
        w.Write(o.Unit);
        w.Write((byte)o.Status);
        w.Write(o.Source.Sheet);
        w.Write(o.Source.Cell);
        w.Write(o.Source.RawText);
        w.Write(o.Label);
        w.Write((int)o.Flags);
        w.Write(o.UnitFactor);
    }

    /// <summary>The <paramref name="count"/> observations written to <paramref name="path"/>, in order, from the file and hash given.</summary>
    public static IEnumerable<Observation> Read(string path, int count, string fileName, string sha256)
    {
        using var r = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        var texts = new Dictionary<string, string>(StringComparer.Ordinal); // the texts rows repeat, one string each (so many at most)
        var periods = new Dictionary<string, ReportingPeriod>(StringComparer.Ordinal);
        var keys = new Dictionary<(string, string, string, Basis, Measure), SeriesKey>(); // one key object per series, as the store gives them
        string Shared()
        {
            var text = r.ReadString();
            return texts.TryGetValue(text, out var shared) ? shared : texts.Count < MaxShared ? texts[text] = text : text;
        }

        for (var i = 0; i < count; i++)
        {
            var parts = (Shared(), Shared(), Shared(), (Basis)r.ReadByte(), (Measure)r.ReadByte());
            if (!keys.TryGetValue(parts, out var key))
            {
                key = new SeriesKey(parts.Item1, parts.Item2, parts.Item3, parts.Item4, parts.Item5);
                if (keys.Count < MaxShared)
                {
                    keys[parts] = key;
                }
            }

            var period = periods.GetOrAdd(r.ReadString(), ReportingPeriod.ParseCode);
            var hasValue = r.ReadBoolean();
            var value = r.ReadDouble();
            var unit = Shared();
            var status = (ObservationStatus)r.ReadByte();
            var source = new Provenance(fileName, sha256, Shared(), r.ReadString(), r.ReadString());
            yield return new Observation(key, period, hasValue ? value : null, unit, status, source)
            {
                Label = Shared(),
                Flags = (ObservationFlags)r.ReadInt32(),
                UnitFactor = r.ReadDouble(),
            };
        }
    }
}
