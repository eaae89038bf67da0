# Draws docs/quality_pr.png from the threshold sweep CSV that embargo_quality
# writes (--sweep). Called by bench/quality/run.sh as
#   gnuplot -e "csv='SWEEP.csv'; out='PLOT.png'; sets='6 7 ...'" plot.gp
# where `sets` lists the CSV columns holding per-set recall.
set datafile separator ','
set terminal pngcairo size 1600,720 font 'DejaVu Sans,10'
set output out
set multiplot layout 1,2 title "embargo matching quality: threshold sweep 0.50..1.00 (step 0.02)"

set title 'Recall (positive sets pooled) vs false alerts (yente negatives)'
set xlabel 'names alerted per 1,000 negatives (global + US, with birth date/nationality/gender)'
set ylabel 'recall'
set yrange [0:1.02]
set xrange [0:*]
set grid
set key bottom right
plot csv using 5:2 with linespoints pt 7 ps 0.8 lw 2 title 'recall, all positives pooled', \
     csv using 5:3 with linespoints pt 5 ps 0.8 lw 2 title 'recall, mean of the sets', \
     csv using 5:6 with linespoints pt 9 ps 0.8 lw 2 title 'recall, list-based sets (a)-(c) pooled', \
     csv using 5:2:(sprintf('%.2f', $1)) every 5 with labels offset char 1.5,-0.8 font ',8' notitle

set title 'Recall per set vs threshold'
set xlabel 'threshold'
set ylabel 'recall'
set xrange [0.5:1.0]
set key outside right top font ',8' noenhanced
plot for [c in sets] csv using 1:(column(int(c))) with lines lw 1.5 \
     dt int(c) / 8 % 4 + 1 title columnheader(int(c))
unset multiplot
