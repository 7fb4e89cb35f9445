# Reads `statsingest export --series FILE.csv` back with R, as a seasonal-adjustment front end would: every column but
# the first a monthly series (ts, frequency 12) starting at the first date. Stops when the dates are not consecutive
# months. Writes one row per series and month with a value: series, year, month (the ts's own time), value.
# Usage: Rscript readback.R SERIES_CSV OUT_CSV
args <- commandArgs(trailingOnly = TRUE)
table <- read.csv(args[1], check.names = FALSE, stringsAsFactors = FALSE, encoding = "UTF-8")
dates <- as.Date(table[[1]])
expected <- seq(dates[1], by = "month", length.out = length(dates))
if (!identical(dates, expected)) stop("the dates are not consecutive months")
start <- c(as.integer(format(dates[1], "%Y")), as.integer(format(dates[1], "%m")))
rows <- do.call(rbind, lapply(names(table)[-1], function(name) {
  s <- ts(table[[name]], start = start, frequency = 12)
  keep <- !is.na(s)
  data.frame(series = name, year = floor(time(s)[keep] + 1e-9), month = cycle(s)[keep], value = as.numeric(s)[keep])
}))
write.csv(rows, args[2], row.names = FALSE, fileEncoding = "UTF-8")
