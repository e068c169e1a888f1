-- What regions has the "cheap_mobile" datasource appeared in?
-- Portable: runs unchanged on H2, MariaDB/MySQL and PostgreSQL.
SELECT region, COUNT(*) AS trips
FROM trips
WHERE datasource = 'cheap_mobile'
GROUP BY region
ORDER BY region;
