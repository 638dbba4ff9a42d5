// The 通报 on paper: A4 and what is left out of print (the web build only).
import './print.h5.css';
