using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// Classifies every title, header and stub cell of a table and composes the paths: a column's header cells top to
/// bottom, a row's section, parent (for 其中/# rows) and stub cells left to right. A label nothing names is kept as
/// written, in the dimension its stub, section or neighbours give (an unknown 市州 is an unmapped region).
/// </summary>
public sealed class TableInterpreter(TableLexicon lexicon, CellClassifier classifier)
{
    private Vocabulary Words => lexicon.Words;

    public TableInterpretation Interpret(TableGeometry g)
    {
        var title = g.Preamble.Where(c => UnitText.Declaration(c.Text) is null)
            .Select(c => new HeaderCell(c.Row, c.Column, Label.Fold(c.Text), classifier.Title(c.Text))).ToArray();
        var titleFacts = TitleFacts(title);
        var units = g.Preamble.Select(c => (Unit: UnitText.Declaration(c.Text) ?? TitleUnit(c.Text), Cell: c)).Where(u => u.Unit is not null)
            .Select(u => (u.Unit!, u.Cell)).Distinct().ToArray();
        var stubHeaders = g.StubColumns.SelectMany(c => g.HeaderPath(c).Select(p => new HeaderCell(p.Row, c, p.Text, CellFacts.Empty))).ToArray();
        var stubKinds = g.StubColumns.Select(c => StubKindOf(g, c, stubHeaders)).ToArray();
        var titleKind = classifier.TitleKind(string.Join(" ", title.Select(t => t.Text)));
        return new TableInterpretation(g, title, titleFacts, units, stubHeaders, stubKinds, Columns(g, titleFacts), Rows(g, stubKinds, titleKind));
    }

    /// <summary>A unit in brackets at the end of a title line ("各市州地区生产总值（万元）"), when the unit table knows it or it is %.</summary>
    private string? TitleUnit(string text)
    {
        var (rest, bracket) = UnitText.SplitBracket(Label.Fold(text));
        return rest.Length > 0 && bracket is not null && (bracket == "%" || lexicon.Units.Find(bracket) is not null) ? bracket : null;
    }

    /// <summary>The title lines together: the indicator, region, status and measure of the joined text; the period of the first line with one.</summary>
    private PathFacts TitleFacts(HeaderCell[] title)
    {
        var joined = classifier.Title(string.Join(" ", title.Select(t => t.Text)));
        var period = title.Select(t => t.Facts.Period).FirstOrDefault(p => p is { Year: not null }) ?? title.Select(t => t.Facts.Period).FirstOrDefault(p => p is not null);
        return PathFacts.Empty.With(joined with { Period = period });
    }

    private (int Column, StubKind Kind, string Why) StubKindOf(TableGeometry g, int column, HeaderCell[] headers)
    {
        var text = string.Concat(headers.Where(h => h.Column == column).Select(h => h.Text));
        if (Words.StubHeaders.Whole(text) is { } whole)
        {
            return (column, whole.Meaning, $"the stub header '{text}' (vocabulary: '{whole.Word}')");
        }

        if (Words.StubHeaders.Find(text) is { } found)
        {
            return (column, found.Meaning, $"the stub header '{text}' (vocabulary: '{found.Word}')");
        }

        var body = Enumerable.Range(g.FirstDataRow, g.Bottom - g.FirstDataRow + 1).Where(r => g.Cells.IsDataRow(r, g.Left, g.Right))
            .Select(r => g.Sheet.Cell(r, column)).OfType<RawCell>().ToArray();
        if (body.Length > 0 && body.All(c => g.Cells.IsIndustryCode(c.Text)) && body.Any(c => c.Text.StartsWith('0') || char.IsAsciiLetter(c.Text[0])))
        {
            return (column, StubKind.Code, "its cells are GB/T 4754 codes");
        }

        return body.Length >= 2 && body.All(c => g.Cells.IsYear(c) || PeriodParser.TryParse(c.Text, out _))
            ? (column, StubKind.Period, "its cells are periods")
            : (column, StubKind.Label, "row labels");
    }

    private ColumnReading[] Columns(TableGeometry g, PathFacts title)
    {
        var columns = g.DataColumns.Select(c =>
        {
            var path = g.HeaderPath(c).Select(p => new HeaderCell(p.Row, c, p.Text, classifier.Header(p.Text))).ToArray();
            return new ColumnReading(c, path, PathFacts.Of(path.Select(p => p.Facts)));
        }).ToArray();
        columns = columns.Select(c => Unknowns(c, columns)).ToArray();
        for (var i = 1; i < columns.Length; i++)
        {
            columns[i] = BesideItsLevel(columns[i], columns[i - 1]);
            columns[i] = BesideItsPeriod(columns[i], columns[..i], title);
        }

        return CarryYears(columns);
    }

    /// <summary>"2023年1-2月 | 3月 | 4月": each period without a year carries the year of the dated one before it (<see cref="PeriodResolution.Carry"/>).</summary>
    private static ColumnReading[] CarryYears(ColumnReading[] columns)
    {
        ParsedPeriod? earlier = null;
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Facts.Period is not { } period)
            {
                continue;
            }

            earlier = PeriodResolution.Carry(earlier, period, out var carried);
            columns[i] = carried is null ? columns[i] : columns[i] with { Facts = columns[i].Facts with { CarriedYear = carried } };
        }

        return columns;
    }

    /// <summary>
    /// "国内生产总值 | 比上年增长 | 工业增加值 | 比上年增长": a column whose header names only a measure, right of a column
    /// naming an indicator on the same header row, is that indicator's measure.
    /// </summary>
    private static ColumnReading BesideItsLevel(ColumnReading column, ColumnReading left)
    {
        var cell = column.Path.Count > 0 ? column.Path[^1] : null;
        if (column.Facts.NamesSubject || cell?.Facts.Measure is null || cell.Facts.MeasureFromUnit || left.Column != column.Column - 1
            || left.Path.FirstOrDefault(p => p.Row == cell.Row) is not { Facts.NamesSubject: true } level)
        {
            return column;
        }

        var named = cell with
        {
            Facts = cell.Facts with
            {
                Indicator = level.Facts.Indicator,
                Industry = level.Facts.Industry,
                IsTotal = level.Facts.IsTotal,
                Why = [.. cell.Facts.Why, $"of {level.Text}, the column to its left ({level.Reference})"],
            },
        };
        var path = column.Path.Select(p => p == cell ? named : p).ToArray();
        return column with { Path = path, Facts = PathFacts.Of(path.Select(p => p.Facts)) };
    }

    /// <summary>
    /// "10月 | 同比±% | 1-10月 | 同比±%", "10月 | 1-10月 | 同比±%": offices put each growth beside its level, so a growth
    /// column whose header names no period or basis, right of a level column naming a period of another basis than the
    /// title's (or under a title naming none), is the growth of the latest period of that basis among the level columns
    /// before it ("2023年1-10月 | 2022年1-10月 | 增长" is 2023's). Beside a period of the title's basis ("2022年 | 2021年 |
    /// 增长", the year before) the title's period stays. Columns not stored between them (last year's figure: "1-10月 |
    /// 上年同期 | 增长") are looked past.
    /// </summary>
    private static ColumnReading BesideItsPeriod(ColumnReading column, ColumnReading[] before, PathFacts title)
    {
        var cell = column.Path.Count > 0 ? column.Path[^1] : null;
        var next = column.Column;
        var at = before.Length - 1;
        while (at >= 0 && before[at].Column == next - 1 && before[at].Facts.Skip is not null)
        {
            next = before[at].Column;
            at--;
        }

        if (cell is null || at < 0 || before[at].Column != next - 1 || column.Facts.Measure is not Measure.YoY || column.Facts.Period is not null
            || column.Facts.Basis is not null || !IsPeriodLevel(before[at]) || before[at].Facts.Basis is not null)
        {
            return column;
        }

        var left = before[at];
        before = before[..(at + 1)];
        var basis = left.Facts.Period!.Value.SpanBasis;
        if (title.Period is { } t && (title.Basis ?? t.SpanBasis) == basis)
        {
            return column;
        }

        var period = before.Reverse().TakeWhile(IsPeriodLevel).Where(c => c.Facts.Basis is null && c.Facts.Period!.Value.SpanBasis == basis)
            .Select(c => c.Path.Last(p => p.Facts.Period is not null)).MaxBy(p => (p.Facts.Period!.Value.Year ?? 0, p.Facts.Period!.Value.EndMonth))!;

        var dated = cell with
        {
            Facts = cell.Facts with
            {
                Period = period.Facts.Period,
                Why = [.. cell.Facts.Why, $"of {period.Text}, the column to its left ({period.Reference})"],
            },
        };
        var path = column.Path.Select(p => p == cell ? dated : p).ToArray();
        return column with { Path = path, Facts = PathFacts.Of(path.Select(p => p.Facts)) };
    }

    private static bool IsPeriodLevel(ColumnReading c) => c.Facts.Period is not null && c.Facts.Measure is null or Measure.Level;

    /// <summary>
    /// A header cell that names nothing known: when its neighbours on the same header row name regions, industries
    /// or indicators, it is one of them, kept as written (unmapped); otherwise its column is not read.
    /// </summary>
    private static ColumnReading Unknowns(ColumnReading column, ColumnReading[] all)
    {
        var unknown = column.Path.FirstOrDefault(p => !p.Facts.NamesAnything && p.Facts.Text.Length > 0);
        if (unknown is null)
        {
            return column;
        }

        var siblings = all.SelectMany(c => c.Path).Where(p => p.Row == unknown.Row && p.Facts.NamesAnything).Select(p => p.Facts).ToArray();
        var facts = UnmappedAs(Majority(siblings), unknown.Facts.Text, null);
        if (facts is null)
        {
            return column with { NotRead = Msg.Of("its header '{header}' ({cell}) names nothing StatsIngest knows (no code-list entry, no vocabulary word)", ("header", unknown.Text), ("cell", unknown.Reference)) };
        }

        var path = column.Path.Select(p => p == unknown ? p with { Facts = facts } : p).ToArray();
        return column with { Path = path, Facts = PathFacts.Of(path.Select(p => p.Facts)) };
    }

    private List<RowReading> Rows(TableGeometry g, (int Column, StubKind Kind, string Why)[] stubKinds, StubKind? titleKind)
    {
        var raw = RawRows(g, stubKinds);
        var stubCells = raw.Where(r => r.Role == RowRole.Data).SelectMany(r => r.Stub).ToArray();
        var majority = stubKinds.ToDictionary(k => k.Column, k => Majority([.. stubCells.Where(s => s.Column == k.Column).Select(s => s.Facts)]));
        var rows = new List<RowReading>();
        var section = PathFacts.Empty;
        StubKind? sectionKind = null;
        PathFacts? parent = null;
        ParsedPeriod? earlier = null;
        var subsetIndent = -1;
        foreach (var row in raw)
        {
            if (row.Role == RowRole.Section)
            {
                (section, sectionKind, parent, subsetIndent, earlier) = (SectionFacts(row.Label), Words.Sections.Find(row.Label)?.Meaning, null, -1, null);
                rows.Add(row with { Facts = section });
                continue;
            }

            if (row.Role == RowRole.Note)
            {
                rows.Add(row);
                continue;
            }

            var stub = row.Stub.Select(s => Unmapped(s, stubKinds, sectionKind ?? titleKind, majority[s.Column])).ToArray();
            var indent = row.Label.Length - row.Label.TrimStart().Length;
            var marked = stub.Any(s => s.Facts.Subset);
            var subset = marked || (parent is not null && subsetIndent > 0 && indent >= subsetIndent);
            subsetIndent = marked ? Math.Max(indent, 1) : subset ? subsetIndent : -1;
            var facts = (subset && parent is not null ? parent : section) with { Subset = subset };
            foreach (var s in stub.OrderBy(s => stubKinds.First(k => k.Column == s.Column).Kind == StubKind.Code ? 1 : 0))
            {
                facts = facts.With(s.Facts);
            }

            if (facts.Period is { } period)
            {
                // "2023年1-2月", "3月", "4月" down the stub: the year written once (PeriodResolution.Carry).
                earlier = PeriodResolution.Carry(earlier, period, out var carried);
                facts = carried is null ? facts : facts with { CarriedYear = carried };
            }

            parent = subset ? parent : facts;
            rows.Add(row with { Stub = stub, Facts = facts });
        }

        return rows;
    }

    /// <summary>The body rows with their role and stub cells classified, before sections, parents and unmapped labels are applied.</summary>
    private List<RowReading> RawRows(TableGeometry g, (int Column, StubKind Kind, string Why)[] stubKinds)
    {
        var rows = new List<RowReading>();
        var inNotes = false;
        var labelColumn = stubKinds.FirstOrDefault(k => k.Kind is not (StubKind.Code or StubKind.Unit)).Column is var lc && lc > 0 ? lc : g.LabelColumn;
        for (var r = g.BodyTop; r <= g.Bottom; r++)
        {
            var cells = g.Cells.Cells(r, g.Left, g.Right);
            if (cells.Count == 0)
            {
                continue;
            }

            var label = g.Cells.Text(r, labelColumn);
            var folded = Label.Fold(label.Length > 0 ? label : cells[0].Text);
            var values = g.DataColumns.Count(c => g.Sheet.Cell(r, c) is not null);
            if (inNotes || Words.IsNote(folded) || (label.Length == 0 && values == 0 && g.StubColumns.All(c => g.Sheet.Cell(r, c) is null)))
            {
                inNotes |= Words.StartsNoteBlock(folded);
                rows.Add(new RowReading(r, RowRole.Note, string.Join(" ", cells.Select(c => c.Text.Trim())), [], PathFacts.Empty));
                continue;
            }

            if (values == 0)
            {
                rows.Add(new RowReading(r, RowRole.Section, Label.Fold(label.Length > 0 ? label : cells[0].Text), [], PathFacts.Empty));
                continue;
            }

            var stub = stubKinds.Select(k => StubCell(g, r, k.Column, k.Kind)).Where(s => s.Text.Length > 0).ToArray();
            rows.Add(new RowReading(r, RowRole.Data, label, stub, PathFacts.Empty));
        }

        return rows;
    }

    private HeaderCell StubCell(TableGeometry g, int row, int column, StubKind kind)
    {
        var text = g.Cells.Text(row, column);
        if (text.Length == 0)
        {
            text = g.Cells.MergedText(row, column);
        }

        return new HeaderCell(row, column, text.Trim(), classifier.Stub(text, kind, null));
    }

    /// <summary>A section row's facts that carry to the rows below it: a period, an indicator, a region.</summary>
    private PathFacts SectionFacts(string label)
    {
        var f = classifier.Stub(label, StubKind.Label, null);
        return PathFacts.Empty.With(CellFacts.Empty with
        {
            Period = f.Period,
            Indicator = f.Indicator is not null && f.Unexplained.Length == 0 ? f.Indicator : null,
            Industry = f.Indicator is not null && f.Unexplained.Length == 0 ? f.Industry : null,
            Region = f.Region,
        });
    }

    private HeaderCell Unmapped(HeaderCell cell, (int Column, StubKind Kind, string Why)[] stubKinds, StubKind? context, StubKind majority)
    {
        var f = cell.Facts;
        var kind = stubKinds.First(k => k.Column == cell.Column).Kind;
        if (kind is StubKind.Code or StubKind.Unit || f.NamesSubject || f.Region is not null || f.Period is not null || f.Ambiguous is not null
            || (f.NamesAnything && f.Unexplained.Length == 0))
        {
            return cell;
        }

        var bare = UnitText.SplitBracket(Words.StripSubset(f.Text).Name).Text;
        var dimension = kind is StubKind.Region or StubKind.Product or StubKind.Industry ? kind : context ?? majority;
        return cell with { Facts = UnmappedAs(dimension, bare, f) ?? f };
    }

    /// <summary>A label kept as written, in the dimension given.</summary>
    private static CellFacts? UnmappedAs(StubKind kind, string bare, CellFacts? facts)
    {
        var f = facts ?? CellFacts.Empty with { Text = bare };
        return kind switch
        {
            StubKind.Region => f with { Region = bare, Unmapped = true, Why = [.. f.Why, "unmapped region (not in regions.json): stored as written"] },
            StubKind.Product => f with { Indicator = bare, Unmapped = true, Why = [.. f.Why, "unmapped product (not in products.json): stored as written"] },
            StubKind.Indicator => f with { Indicator = bare, Unmapped = true, Why = [.. f.Why, "unmapped indicator (not in indicators.json): stored as written"] },
            StubKind.Label when facts is null => null,
            _ => f with { Industry = bare, Unmapped = true, Why = [.. f.Why, "unmapped industry label (not in industries.json): stored as written"] },
        };
    }

    /// <summary>What most of a set of cells name: regions, indicators or industries (industries on a tie); Label when none names any.</summary>
    private static StubKind Majority(CellFacts[] cells)
    {
        var regions = cells.Count(c => c.Region is not null && !c.NamesSubject);
        var industries = cells.Count(c => c.Industry is not null || c.IsTotal);
        var indicators = cells.Count(c => c.Indicator is not null && c.Industry is null);
        return regions > industries && regions > indicators ? StubKind.Region
            : indicators > industries ? StubKind.Indicator
            : industries == 0 ? StubKind.Label
            : StubKind.Industry;
    }
}
