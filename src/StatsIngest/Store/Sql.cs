using System.Data.Common;
using System.Globalization;

namespace StatsIngest.Store;

/// <summary>
/// Commands written once for both stores: parameters named <c>@name</c> (which Microsoft.Data.Sqlite and Npgsql both
/// read), no parameter compared with NULL (PostgreSQL cannot type it: the SQL is written with or without the condition).
/// </summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection c, DbTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>Adds a parameter (a null value as NULL).</summary>
    public static DbCommand With(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return cmd;
    }

    public static int Execute(DbConnection c, DbTransaction? tx, string sql)
    {
        using var cmd = Command(c, tx, sql);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>A query's single number.</summary>
    public static long Int64(DbConnection c, DbTransaction? tx, string sql)
    {
        using var cmd = Command(c, tx, sql);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
