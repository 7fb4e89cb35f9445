# Reads StatsIngest's SDMX export back with rsdmx (Debian's r-cran-rsdmx), a reader StatsIngest did not write, and
# writes what it understood as CSV files for the test to compare with the store:
#   codelists.csv   every code of every code list with its Chinese and English names
#   components.csv  the data structure's components, their concepts and code lists
#   dataflow.csv    the dataflow and the data structure it refers to
#   data.csv        structure-specific data.xml as rsdmx reads it, with the code lists' labels (setDSD)
#   sdmxcsv.csv     data.csv (SDMX-CSV) as R reads it
# Usage: Rscript readback.R EXPORT_DIR OUT_DIR
suppressMessages(library(rsdmx))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
out <- args[2]
save <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, fileEncoding = "UTF-8", na = "")

dsd <- readSDMX(file = file.path(dir, "structure.xml"), isURL = FALSE)
if (!is(dsd, "SDMXDataStructureDefinition")) stop(paste("structure.xml read as", class(dsd)))
lists <- slot(slot(dsd, "codelists"), "codelists")
save(do.call(rbind, lapply(lists, function(cl) {
  codes <- as.data.frame(slot(dsd, "codelists"), codelistId = slot(cl, "id"))
  en <- if ("label.en" %in% colnames(codes)) codes$label.en else NA
  data.frame(codelist = slot(cl, "id"), id = codes$id, zh = codes$label.zh, en = en)
})), "codelists.csv")

structure <- slot(slot(dsd, "datastructures"), "datastructures")[[1]]
components <- as.data.frame(slot(structure, "Components"))
save(data.frame(structure = slot(structure, "id"), component = components$component, concept = components$conceptRef,
                codelist = components$codelist), "components.csv")

doc <- XML::xmlParse(file.path(dir, "structure.xml"))
ns <- c(str = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure")
save(data.frame(dataflow = XML::xpathSApply(doc, "//str:Dataflow", XML::xmlGetAttr, "id", namespaces = ns),
                agency = XML::xpathSApply(doc, "//str:Dataflow", XML::xmlGetAttr, "agencyID", namespaces = ns),
                structure = XML::xpathSApply(doc, "//str:Dataflow/str:Structure/Ref", XML::xmlGetAttr, "id", namespaces = ns)),
     "dataflow.csv")

data <- readSDMX(file = file.path(dir, "data.xml"), isURL = FALSE)
if (!is(data, "SDMXStructureSpecificData")) stop(paste("data.xml read as", class(data)))
save(as.data.frame(setDSD(data, dsd), labels = TRUE), "data.csv")
save(read.csv(file.path(dir, "data.csv"), colClasses = "character", encoding = "UTF-8", na.strings = character(0)), "sdmxcsv.csv")
