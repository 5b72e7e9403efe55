// Dashboard (/dashboard): draws the two charts from the "Per day" table, so the charts and
// the numbers screen readers get are the same. Readable without colour: each series has
// its own line style and point shape, and the legend names them.
const rows = [...document.querySelectorAll('#dashboard-days .dashboard-day')];
const labels = rows.map((row) => row.querySelector('time').textContent);
const series = (name) => rows.map((row) => Number(row.dataset[name]));
// The legend's names are the table's (translated) column headers.
const heading = (column) => document.querySelectorAll('#dashboard-days thead th')[column].textContent.trim();

function draw(canvas, datasets) {
  if (!canvas || !window.Chart) return;
  new window.Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { labels: { usePointStyle: true } } },
    },
  });
}

const style = (label, data, color, pointStyle, borderDash) => ({
  label, data, borderColor: color, backgroundColor: color, pointStyle, pointRadius: 3, borderDash, tension: 0.2,
});

draw(document.querySelector('[data-chart="signups"]'), [
  style(heading(1), series('signUps'), '#0d6efd', 'circle', []),
]);
draw(document.querySelector('[data-chart="signins"]'), [
  style(heading(2), series('signIns'), '#198754', 'circle', []),
  style(heading(3), series('failures'), '#dc3545', 'triangle', [6, 4]),
]);
