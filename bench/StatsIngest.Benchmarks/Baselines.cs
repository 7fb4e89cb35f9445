using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;
using Microsoft.Data.Sqlite;

namespace StatsIngest.Benchmarks;

/// <summary>
/// The baselines StatsIngest is measured against, each doing the bare minimum of its step on the same file: parse the
/// CSV, read the workbook, insert the rows into SQLite, write the cells with ClosedXML. Also writes the .xlsx inputs
/// (streaming, with the Open XML SDK's writer, so a million rows cost no memory).
/// </summary>
public static class Baselines
{
    /// <summary>Every field of every row read, the value parsed as a number: what reading a CSV costs at least.</summary>
    public static long BareCsv(string path)
    {
        long rows = 0;
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { HasHeader = true });
        while (csv.Read())
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                _ = csv.GetString(i);
            }

            _ = double.Parse(csv.GetString(6), CultureInfo.InvariantCulture);
            rows++;
        }

        return rows;
    }

    /// <summary>Every cell of every sheet read with ExcelDataReader.</summary>
    public static long BareXlsx(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        long cells = 0;
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells += reader.GetValue(i) is null ? 0 : 1;
                }
            }
        }
        while (reader.NextResult());
        return cells;
    }

    /// <summary>The rows inserted as they are into one SQLite table, in one transaction with one prepared command.</summary>
    public static long BareSqlite(string path, string database)
    {
        File.Delete(database);
        using var c = new SqliteConnection($"Data Source={database};Pooling=False");
        c.Open();
        using (var create = c.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE rows (period TEXT, region TEXT, indicator TEXT, industry TEXT, basis TEXT, measure TEXT, value REAL, unit TEXT, status TEXT)";
            create.ExecuteNonQuery();
        }

        using var tx = c.BeginTransaction();
        using var insert = c.CreateCommand();
        insert.CommandText = "INSERT INTO rows VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8)";
        var parameters = Enumerable.Range(0, 9).Select(i => insert.Parameters.Add("$" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
        long rows = 0;
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { HasHeader = true });
        while (csv.Read())
        {
            for (var i = 0; i < 9; i++)
            {
                parameters[i].Value = i == 6 ? double.Parse(csv.GetString(i), CultureInfo.InvariantCulture) : csv.GetString(i);
            }

            insert.ExecuteNonQuery();
            rows++;
        }

        tx.Commit();
        return rows;
    }

    /// <summary>The same rows copied as they are into a fresh PostgreSQL table by binary COPY (the fastest way in).</summary>
    public static long BarePostgres(string path, string connectionString)
    {
        using var c = new Npgsql.NpgsqlConnection(connectionString);
        c.Open();
        using (var create = new Npgsql.NpgsqlCommand("DROP TABLE IF EXISTS bare_rows; CREATE TABLE bare_rows (period TEXT, region TEXT, indicator TEXT, industry TEXT, basis TEXT, measure TEXT, value DOUBLE PRECISION, unit TEXT, status TEXT)", c))
        {
            create.ExecuteNonQuery();
        }

        long rows = 0;
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { HasHeader = true });
        using (var copy = c.BeginBinaryImport("COPY bare_rows FROM STDIN (FORMAT BINARY)"))
        {
            while (csv.Read())
            {
                copy.StartRow();
                for (var i = 0; i < 9; i++)
                {
                    if (i == 6)
                    {
                        copy.Write(double.Parse(csv.GetString(i), CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Double);
                    }
                    else
                    {
                        copy.Write(csv.GetString(i), NpgsqlTypes.NpgsqlDbType.Text);
                    }
                }

                rows++;
            }

            copy.Complete();
        }

        return rows;
    }

    /// <summary>Drops and creates the database a connection string names (connecting to <c>postgres</c>), for a run on an empty store — or on a copy of <paramref name="template"/>, a store made before.</summary>
    public static void FreshPostgres(string connectionString, string? template = null)
    {
        DropPostgres(connectionString);
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        OnServer(connectionString, template is null ? $"CREATE DATABASE \"{target}\"" : $"CREATE DATABASE \"{target}\" TEMPLATE \"{template}\"");
    }

    public static void DropPostgres(string connectionString) =>
        OnServer(connectionString, $"DROP DATABASE IF EXISTS \"{new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");

    private static void OnServer(string connectionString, string sql)
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        using var c = new Npgsql.NpgsqlConnection(server.ToString());
        c.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, c);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The same cells as a workbook's tables written bare with ClosedXML: each companion CSV of the workbook (one per
    /// table, <c>…_csv/</c>) as one sheet, a number as a number and any other field as text; no styles, widths, charts,
    /// print setup or provenance columns beyond what the CSVs hold.
    /// </summary>
    public static void BareClosedXml(string tables, string path)
    {
        using var wb = new XLWorkbook();
        foreach (var file in Directory.GetFiles(tables, "*.csv").Order(StringComparer.Ordinal))
        {
            var ws = wb.Worksheets.Add(Path.GetFileNameWithoutExtension(file));
            using var csv = CsvReader.Create(File.OpenRead(file), new CsvReaderOptions { HasHeader = false });
            var row = 0;
            while (csv.Read())
            {
                row++;
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    var text = csv.GetString(i);
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        ws.Cell(row, i + 1).SetValue(number);
                    }
                    else if (text.Length > 0)
                    {
                        ws.Cell(row, i + 1).SetValue(text);
                    }
                }
            }
        }

        wb.SaveAs(path);
    }

    /// <summary>The panel as one .xlsx sheet, streamed with the Open XML SDK's writer.</summary>
    public static void WriteXlsx(string path, IEnumerable<string> rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, Panel.Header.Split(','));
            foreach (var row in rows)
            {
                WriteRow(writer, row.Split(','));
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "数据" }));
        workbook.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, string[] fields)
    {
        writer.WriteStartElement(new Row());
        for (var i = 0; i < fields.Length; i++)
        {
            var number = i == 6 && double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            writer.WriteElement(number
                ? new Cell { CellValue = new CellValue(fields[i]), DataType = CellValues.Number }
                : new Cell { InlineString = new InlineString(new Text(fields[i])), DataType = CellValues.InlineString });
        }

        writer.WriteEndElement();
    }
}
