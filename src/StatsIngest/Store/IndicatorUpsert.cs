using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using StatsIngest.Indicators;

namespace StatsIngest.Store;

/// <summary>
/// The statement that writes a computed value into <c>indicator_values</c> (a new one added, a changed one replaced),
/// prepared once for every value of a save. On SQLite it binds on SQLite's own statement (<see cref="RawStatement"/>),
/// a text the value before had bound once, the inputs' JSON as the UTF-8 it was written in; on another store through the provider's prepared command.
/// </summary>
internal sealed class IndicatorUpsert : IDisposable
{
    private const string Text = """
        INSERT INTO indicator_values (block, indicator, region, subject, period, basis, value, unit, note, input_vintages, inputs, inputs_hash, computed_at)
        VALUES (@b, @i, @r, @s, @p, @ba, @v, @u, @n, @vs, @in, @h, @at)
        ON CONFLICT (block, indicator, region, subject, period, basis) DO UPDATE SET value = excluded.value, unit = excluded.unit,
            note = excluded.note, input_vintages = excluded.input_vintages, inputs = excluded.inputs, inputs_hash = excluded.inputs_hash,
            computed_at = excluded.computed_at
        """;

    private static readonly string[] Names = ["@b", "@i", "@r", "@s", "@p", "@ba", "@v", "@u", "@n", "@vs", "@in", "@h", "@at"];

    private readonly RawStatement? _raw;
    private readonly int[] _at = [];
    private readonly DbCommand? _command;

    public IndicatorUpsert(DbConnection c, DbTransaction tx)
    {
        if (c is SqliteConnection sqlite)
        {
            _raw = new RawStatement(sqlite, Text); // on the connection, inside its transaction
            _at = Array.ConvertAll(Names, _raw.Parameter);
            return;
        }

        _command = Sql.Command(c, tx, Text);
        foreach (var name in Names)
        {
            _command.With(name, null);
        }

        _command.Prepare();
    }

    /// <summary>Writes one value: what it is, its number, unit and note, the vintages and inputs it was computed from, when.</summary>
    public void Write(IndicatorRecord rec, string vintages, ReadOnlySpan<byte> inputs, string inputsHash, string computedAt)
    {
        if (_raw is { } raw)
        {
            raw.BindRepeated(_at[0], rec.Block);
            raw.BindRepeated(_at[1], rec.Indicator);
            raw.BindRepeated(_at[2], rec.Region);
            raw.BindRepeated(_at[3], rec.Subject);
            raw.BindRepeated(_at[4], rec.Period);
            raw.BindRepeated(_at[5], rec.Basis);
            raw.Bind(_at[6], rec.Value);
            raw.BindRepeated(_at[7], rec.Unit);
            raw.BindOrNull(_at[8], rec.Note);
            raw.Bind(_at[9], vintages);
            raw.BindUtf8(_at[10], inputs);
            raw.Bind(_at[11], inputsHash);
            raw.BindRepeated(_at[12], computedAt);
            raw.Run();
            return;
        }

        object?[] values = [rec.Block, rec.Indicator, rec.Region, rec.Subject, rec.Period, rec.Basis, rec.Value, rec.Unit, rec.Note,
            vintages, Encoding.UTF8.GetString(inputs), inputsHash, computedAt];
        for (var i = 0; i < values.Length; i++)
        {
            _command!.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command!.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _raw?.Dispose();
        _command?.Dispose();
    }
}
