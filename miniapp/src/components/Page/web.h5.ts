// The web build's navigation bar (Taro draws WeChat's bar on h5): styles that WeChat's own does not need.
import './web.h5.css';
