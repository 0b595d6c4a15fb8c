#!/bin/sh
# Builds the NetCDF fixtures from their CDL text with ncgen (Debian: apt-get install netcdf-bin).
set -e
cd "$(dirname "$0")"
ncgen -k nc4 -o fields_nc4.nc fields.cdl
ncgen -k classic -o fields_cdf1.nc fields.cdl
ncgen -k 64-bit-offset -o fields_cdf2.nc fields.cdl
ncgen -k nc4 -o series_2000.nc series_2000.cdl
ncgen -k classic -o series_2001.nc series_2001.cdl
