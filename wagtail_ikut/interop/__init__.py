"""Data exchange with other service directories: Open Referral HSDS 3.0 and Suomi.fi PTV."""
