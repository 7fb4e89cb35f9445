namespace StatsIngest.Report;

/// <summary>
/// Writes a file so that no one ever sees it half-written: to a temporary file in the same folder, then renamed over
/// the target. When the target cannot be replaced (open in Excel on Windows), the file is kept under a suffixed name.
/// </summary>
public static class AtomicFile
{
    /// <returns>The path actually written: the target, or a suffixed name beside it when the target is locked.</returns>
    public static string Write(string targetPath, Action<string> writeTemp, TimeProvider clock)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(targetPath))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(targetPath)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(targetPath)}");
        try
        {
            writeTemp(temp);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    File.Move(temp, targetPath, overwrite: true);
                    return targetPath;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    if (attempt < 3)
                    {
                        Thread.Sleep(TimeSpan.FromMilliseconds(200 * (attempt + 1)));
                        continue;
                    }

                    var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
                    var alternative = Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(targetPath)}_{stamp}{Path.GetExtension(targetPath)}");
                    File.Move(temp, alternative, overwrite: true);
                    return alternative;
                }
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
